import { STAGE_PHRASES as STAGE_PHRASE } from '@/lib/account/stage-phrases';
import type { Stage } from '@/core/domains';

export interface StaffNoticeInput {
  flagId: number;
  address: string;
  domain: string;
  stage: Stage;
  twoFactorEnabled: boolean;
}

/**
 * The staff notice: what happened to the domain, and the two things that keep the account safe —
 * a backup address at a provider whose domain cannot lapse, and two-factor authentication. Stored in
 * the payload so every channel (mail, in-app) shows the same words.
 */
export function staffNoticePayload(n: StaffNoticeInput) {
  const steps = [
    'Add a backup email address at a large provider (for example Gmail, Outlook or Proton), whose domain will not lapse, and verify it.',
    ...(n.twoFactorEnabled
      ? []
      : ['Turn on two-factor authentication, so a password reset alone cannot take your account.']),
  ];
  const body = [
    `Our trust and safety team is contacting you because the domain ${n.domain} ${STAGE_PHRASE[n.stage]}.`,
    `Whoever controls ${n.domain} can receive mail for ${n.address}, including password resets: it is no longer a safe way to recover your account.`,
    'To keep your account safe:',
    ...steps.map((s, i) => `${i + 1}. ${s}`),
  ].join('\n');
  return {
    flagId: n.flagId,
    address: n.address,
    domain: n.domain,
    stage: n.stage,
    subject: `Action needed: the domain of ${n.address} ${STAGE_PHRASE[n.stage]}`,
    // The outbox template reads `message` (falling back to `body`).
    message: body,
    body,
    steps,
  };
}
