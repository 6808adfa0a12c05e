import { DAY_MS } from '@/lib/domains/dates';
import { type PlatformBehaviour, behaviourOf, platformOf } from '@/lib/domains/rdap/platforms';
import type { ClassifyContext, EvidenceItem, RdapAnswer, RdapDomain } from '@/core/domains';

// Which registration the registry describes, and whether it is a new one. The registry handle (ROID)
// and the registration date together are the identity of a registration. Event names are not: some
// platforms write `reregistration` for an ordinary renewal (Nomulus, see rdap/platforms.ts), so an
// event name alone never makes a stranger's registration out of the owner's renewal.

export const DEFAULT_REGISTRATION_TOLERANCE_MS = DAY_MS;

type RegisteredAnswer = Extract<RdapAnswer, { kind: 'registered' }>;

/** The platform row an answer is read through (the URL that answered, else its own self link). */
export function platformFor(answer: Pick<RegisteredAnswer, 'url' | 'domain'> | null): PlatformBehaviour {
  return behaviourOf(answer ? platformOf(answer.url, answer.domain.selfLink) : null);
}

export interface RegistrationReading {
  /** The date that identifies the registration now in place. */
  registeredAt: Date | null;
  /** Which event it came from. */
  from: 'registration' | 'reregistration' | null;
  /** Set when a `reregistration` event was read as a renewal, with the reason for a reviewer. */
  renewal: EvidenceItem | null;
}

function sameHandle(rdap: RdapDomain, ctx: ClassifyContext, platform: PlatformBehaviour): boolean {
  return (
    platform.handleIsRoid &&
    rdap.handle != null &&
    ctx.previousHandle != null &&
    rdap.handle.toLowerCase() === ctx.previousHandle.toLowerCase()
  );
}

/**
 * The registration in place: the `registration` event, or a later `reregistration` where that event
 * means a new registration. A `reregistration` is read as a renewal when the platform writes it for
 * renewals, or when the handle is unchanged and the `registration` date is no later than what we knew
 * (the verification, else the registration seen before): the same ROID with the same creation date is
 * the same registration, whatever the event is called.
 */
export function readRegistration(
  rdap: RdapDomain | null,
  ctx: ClassifyContext,
  platform: PlatformBehaviour,
): RegistrationReading {
  const created = rdap?.registeredAt ?? null;
  const again = rdap?.reregisteredAt ?? null;
  if (!rdap || again === null || (created !== null && again.getTime() <= created.getTime())) {
    return { registeredAt: created, from: created ? 'registration' : null, renewal: null };
  }
  const tolerance = ctx.registrationToleranceMs ?? DEFAULT_REGISTRATION_TOLERANCE_MS;
  const reference = ctx.verifiedAt ?? ctx.previousRegisteredAt ?? null;
  const createdBefore = created !== null && reference !== null && created.getTime() <= reference.getTime() + tolerance;
  const why =
    platform.reregistration === 'renewal'
      ? `${platform.name} writes "reregistration" for renewals`
      : sameHandle(rdap, ctx, platform) && createdBefore
        ? 'the registry handle is unchanged and the registration date predates what we knew'
        : null;
  if (why === null) return { registeredAt: again, from: 'reregistration', renewal: null };
  return {
    registeredAt: created,
    from: created ? 'registration' : null,
    renewal: {
      kind: 'note',
      code: 'renewal_event',
      source: 'rdap',
      message: `the "reregistration" event of ${again.toISOString()} was read as a renewal: ${why}`,
    },
  };
}

export interface Decision {
  stage: 're_registered';
  item: EvidenceItem;
}

const decided = (code: string, message: string): Decision => ({
  stage: 're_registered',
  item: { kind: 'decided', code, source: 'rdap', message },
});

/** A new registration since the address was verified or the previous check, or null. */
export function reRegistration(
  rdap: RdapDomain,
  reading: RegistrationReading,
  ctx: ClassifyContext,
  platform: PlatformBehaviour,
): Decision | null {
  const tolerance = ctx.registrationToleranceMs ?? DEFAULT_REGISTRATION_TOLERANCE_MS;
  const { registeredAt } = reading;
  // A registration date in the future is a registry error, not evidence of a new holder.
  if (registeredAt && registeredAt.getTime() <= ctx.now.getTime() + tolerance) {
    const after = (reference: Date | null | undefined) =>
      reference != null && registeredAt.getTime() > reference.getTime() + tolerance;
    if (after(ctx.verifiedAt)) {
      const message = `registered on ${registeredAt.toISOString()}, after the address was verified`;
      return decided('registration_after_verification', message);
    }
    if (after(ctx.previousRegisteredAt)) {
      const message = `registered on ${registeredAt.toISOString()}, later than the registration seen before`;
      return decided('registration_changed', message);
    }
  }
  // A null handle on either side means "not known", never "changed"; a handle that is not a ROID
  // (FRED's is the domain name) cannot tell registrations apart.
  if (
    platform.handleIsRoid &&
    rdap.handle &&
    ctx.previousHandle &&
    rdap.handle.toLowerCase() !== ctx.previousHandle.toLowerCase()
  ) {
    return decided('handle_changed', 'the registry object id (handle) differs from the one seen before');
  }
  return null;
}
