import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { domains, type Email, flags } from '@/db/schema';
import { STAGE_PHRASES } from '@/lib/account/stage-phrases';
import { DEFAULT_REGISTRATION_TOLERANCE_MS } from '@/lib/domains/classify';
import { LAPSED_STAGES, type Stage } from '@/core/domains';
import { AppError } from '@/lib/errors';
import { hasLiveFlag } from './owned';

/** Checks a domain against the live sources now and records it (lib/scans/check-now.ts in the app). */
export type CheckDomainNow = (domain: string) => Promise<{ stage: Stage }>;

/** What a fresh check of an address's domain found, made before the write's transaction opened. */
export interface FreshCheck {
  emailId: number;
  domain: string;
  stage: Stage;
}

// Stages at which the address may now reach someone else (or soon will): no (re-)verification.
// `expiring` is fine: the registration is still the owner's. `unknown` means the sources failed:
// we cannot say the domain is safe, so we ask to try later rather than guess.
const REFUSED: readonly Stage[] = ['grace', ...LAPSED_STAGES, 'unknown'];

/**
 * Whether verifying this address needs a fresh domain check first: it was ever flagged, the engine
 * unverified it, or its domain was last seen lapsing. The engine itself never re-verifies; a link
 * proves someone reads the mailbox now, and only a fresh check says whether that someone is still
 * the person who registered the domain.
 */
export async function needsFreshCheck(
  tx: DbOrTx,
  email: Pick<Email, 'id' | 'domain' | 'unverifyReason'>,
): Promise<boolean> {
  if (email.unverifyReason === 'domain_lifecycle') return true;
  const flagged = await tx.select({ id: flags.id }).from(flags).where(eq(flags.emailId, email.id)).limit(1);
  if (flagged.length > 0) return true;
  const lapsing = await tx
    .select({ stage: domains.stage })
    .from(domains)
    .where(
      and(
        eq(domains.name, email.domain),
        inArray(
          domains.stage,
          REFUSED.filter((s) => s !== 'unknown'),
        ),
      ),
    )
    .limit(1);
  return lapsing.length > 0;
}

/**
 * Before the transaction (the check is network work and must not hold a connection): checks the
 * address's domain against the live sources now, if verifying it needs that. Null when it does not.
 */
export async function checkBeforeVerify({
  ctx,
  input,
}: {
  ctx: { db: DbOrTx; checkDomain: CheckDomainNow };
  input: { email: Email };
}): Promise<FreshCheck | null> {
  const { email } = input;
  if (!(await needsFreshCheck(ctx.db, email))) return null;
  const { stage } = await ctx.checkDomain(email.domain);
  return { emailId: email.id, domain: email.domain, stage };
}

/**
 * Why an address its holder has never proved (a new one, or one added and not yet confirmed) is
 * refused at a domain that is not safe: one sentence for every unsafe stage. The stage may come from
 * another account's history (a re-registration is judged against *their* verification date, and it
 * stays), so naming it would tell a stranger what became of someone else's address, and "after you
 * verified" would be false. The same words for a domain that merely expired keep the two alike.
 */
export function unsafeDomainMessage(domain: string): string {
  return `We cannot accept addresses at ${domain} now: our checks say its registration lapsed or changed hands, so its mail may reach someone else. Use an address at another domain; if ${domain} is yours, renew it with your registrar first.`;
}

function refusal(domain: string, stage: Stage, provedBefore: boolean): AppError {
  if (stage === 'unknown')
    return new AppError(
      'provider_unavailable',
      `We could not check the domain ${domain} just now, so we cannot verify this address yet. Try again in a few minutes.`,
    );
  if (!provedBefore) return new AppError('conflict', unsafeDomainMessage(domain));
  if (stage === 're_registered' || stage === 'available')
    return new AppError(
      'conflict',
      `We checked just now: the domain ${domain} ${STAGE_PHRASES[stage]}. Whoever holds it now can read this address's mail, so we cannot verify it again. If you registered the domain again yourself, contact our trust and safety team.`,
    );
  return new AppError(
    'conflict',
    `We checked just now: the domain ${domain} ${STAGE_PHRASES[stage]}. Renew it with your registrar, then verify this address again.`,
  );
}

/**
 * Inside the transaction: refuses to (re-)verify or send a verification link to an address whose
 * domain is, on the check made just before (`checkBeforeVerify`), still lapsing or in someone
 * else's hands, or whose flag is still waiting for staff. Returns the fresh stage, or null when no
 * check was needed. If the address came to need a check after that step looked (a scan flagged it
 * in between), the caller is asked to try again rather than let it through unchecked.
 */
export async function assertSafeToVerify({
  ctx,
  input,
}: {
  ctx: { tx: DbOrTx };
  input: { email: Email; freshCheck: FreshCheck | null };
}): Promise<Stage | null> {
  const { tx } = ctx;
  const { email, freshCheck } = input;
  const fresh = freshCheck?.emailId === email.id && freshCheck.domain === email.domain ? freshCheck : null;
  if (!fresh) {
    if (!(await needsFreshCheck(tx, email))) return null;
    throw new AppError(
      'conflict',
      `Something changed about ${email.address} while we were checking it. Nothing was sent or changed; try again.`,
    );
  }
  // Only the holder's own earlier proof makes the stage theirs to hear about.
  const provedBefore = email.verifiedAt !== null;
  if (REFUSED.includes(fresh.stage)) throw refusal(email.domain, fresh.stage, provedBefore);
  // The engine compares registrations with the verification dates of addresses still verified; this
  // one is not, so its own date is compared here. A registration younger than the verification is
  // someone's new registration, however healthy it looks.
  const [current] = await tx
    .select({ registeredAt: domains.registeredAt })
    .from(domains)
    .where(eq(domains.name, email.domain));
  if (
    email.verifiedAt &&
    current?.registeredAt &&
    current.registeredAt.getTime() > email.verifiedAt.getTime() + DEFAULT_REGISTRATION_TOLERANCE_MS
  )
    throw refusal(email.domain, 're_registered', provedBefore);
  // The check applied policy and resolved what a renewal resolves; a flag still live is one the
  // engine leaves to a human (e.g. the domain was free to register in between).
  if (await hasLiveFlag(tx, email.id))
    throw new AppError(
      'conflict',
      `Our trust and safety team is reviewing ${email.address}. It can be verified again once they have resolved it.`,
    );
  return fresh.stage;
}
