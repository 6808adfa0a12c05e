import { isFarFuture } from '@/lib/domains/dates';
import { RDAP_STATUS } from '@/lib/domains/rdap/status';
import { DEFAULT_REGISTRATION_TOLERANCE_MS } from '@/lib/domains/registration';
import type { ClassifyContext, Evidence, EvidenceItem, RdapDomain } from '@/core/domains';

// What the sponsoring registrar's RDAP record adds to the registry's. At thin registries (.com, .net)
// the registry auto-renews at expiry: its expiration moves a year ahead while the registrar, which
// holds the date the owner paid up to, may already have stopped serving the owner. The registrar's
// record may only warn (expiring, grace): whether the domain is still registered, and to whom, is the
// registry's to say.

/**
 * How much earlier the registrar's expiration must be than the registry's to count. Registry and
 * registrar routinely disagree by hours on the same expiry (google.com: Verisign 04:00Z, MarkMonitor
 * 07:00Z the day before), and zone-less dates add up to 14 h; a lapse behind an auto-renewal is a
 * year apart. Below the slack the registry's date stands, so the stated expiry (and the reminders
 * keyed by it) do not flip between the two sources from one check to the next.
 */
export const REGISTRAR_EXPIRY_SLACK_MS = 2 * 86_400_000;

/** Registrar statuses that say the owner's registration has run out (the registry may not show it yet). */
const LAPSE_STATUSES = [
  RDAP_STATUS.autoRenewPeriod,
  RDAP_STATUS.redemptionPeriod,
  RDAP_STATUS.pendingDelete,
  RDAP_STATUS.pendingRestore,
];

export interface RegistrarReading {
  /** The registrar's record of the registration the registry describes; null when absent or of another one. */
  record: RdapDomain | null;
  notes: EvidenceItem[];
}

const note = (code: string, message: string): EvidenceItem => ({
  kind: 'note',
  code,
  source: 'rdap_registrar',
  message,
});

/** The registrar's record, if it answered and describes the same registration as the registry. */
export function readRegistrar(
  registry: RdapDomain | null,
  evidence: Evidence,
  ctx: Pick<ClassifyContext, 'registrationToleranceMs'>,
): RegistrarReading {
  const outcome = evidence.rdapRegistrar;
  if (!registry || !outcome?.ok || outcome.value.kind !== 'registered') return { record: null, notes: [] };
  const record = outcome.value.domain;
  const tolerance = ctx.registrationToleranceMs ?? DEFAULT_REGISTRATION_TOLERANCE_MS;
  const handles = record.handle && registry.handle && record.handle.toLowerCase() !== registry.handle.toLowerCase();
  const created =
    record.registeredAt &&
    registry.registeredAt &&
    Math.abs(record.registeredAt.getTime() - registry.registeredAt.getTime()) > tolerance;
  if (handles || created) {
    const what = handles ? 'handle' : 'registration date';
    const message = `the registrar's record has another ${what} than the registry's: it is not used`;
    return { record: null, notes: [note('registrar_mismatch', message)] };
  }
  const notes: EvidenceItem[] = [];
  if (record.statuses.includes(RDAP_STATUS.clientHold)) {
    notes.push(note('on_hold', 'the registrar has put the domain on hold'));
  }
  return { record, notes };
}

/** The date the owner paid up to, as the registrar states it (its `registrar expiration`, else `expiration`). */
export function registrarExpiry(record: RdapDomain | null): Date | null {
  const at = record?.registrarExpiresAt ?? record?.expiresAt ?? null;
  return at && !isFarFuture(at) ? at : null;
}

export interface StatedExpiry {
  at: Date | null;
  source: 'rdap' | 'rdap_registrar';
}

/** The expiry that counts: the registry's, unless the registrar's is clearly earlier (or the only one). */
export function statedExpiry(registry: RdapDomain | null, registrar: RdapDomain | null): StatedExpiry {
  const own = registry?.expiresAt ?? null;
  const paid = registrarExpiry(registrar);
  if (paid && (own === null || isFarFuture(own) || paid.getTime() < own.getTime() - REGISTRAR_EXPIRY_SLACK_MS)) {
    return { at: paid, source: 'rdap_registrar' };
  }
  return { at: own, source: 'rdap' };
}

/** A lapse status on the registrar's record, if any. */
export function registrarLapseStatus(record: RdapDomain | null): string | null {
  return LAPSE_STATUSES.find((s) => record?.statuses.includes(s)) ?? null;
}
