import { z } from 'zod';
import { defineApiRoute } from '@/lib/api/define-api-route';
import { processMetrics } from '@/lib/metrics/registry';

// GET /metrics, Prometheus text format, for a token with the `read` scope (Prometheus:
// `authorization: { credentials_file: … }`). The state of the whole deployment comes from PostgreSQL at
// scrape time; this process's own counters ride along.
export const GET = defineApiRoute({
  name: 'api.metrics',
  scope: 'read',
  input: z.object({}),
  run: async ({ ctx }) => {
    const metrics = processMetrics();
    await metrics.refresh(ctx.db);
    return new Response(await metrics.registry.metrics(), {
      headers: { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' },
    });
  },
});
