import { defineApiRoute } from '@/lib/api/define-api-route';
import { processMetrics } from '@/lib/metrics/registry';
import { recoveryEligibility } from '@/lib/eligibility/recovery-eligibility';
import { eligibilityQuerySchema } from '@/lib/eligibility/schemas';

// GET /api/v1/recovery-eligibility?address=… — called by a registry inside its own password-reset
// flow, before it mails a link: one stored lookup, never a provider call on the request path.
export const GET = defineApiRoute({
  name: 'api.recovery_eligibility',
  scope: 'eligibility',
  input: eligibilityQuerySchema,
  run: async ({ ctx, input }) => {
    const answer = await recoveryEligibility(ctx.db, input.address, ctx.now);
    processMetrics().eligibilityLookups.inc({ reason: answer.reason });
    return answer;
  },
});
