import { type ParkingNameserver, parkingNameserverOf } from '@/lib/domains/parking-nameservers';

// What counts as "something moved" between two answers of the daily DNS probe. Each move is a
// reason to ask the registry now instead of at the next scheduled check; none of them is evidence
// of a stage by itself (the full check decides).

export interface ProbeSnapshot {
  nxdomain: boolean;
  nameservers: string[];
  mx: string[];
}

export type ProbeMove =
  /** The name no longer resolves: deleted, or removed from the zone (hold, redemption). */
  | { kind: 'nxdomain' }
  /** NS now at a registrar's expired-domain host or a parking service. */
  | { kind: 'parking'; nameserver: ParkingNameserver }
  /** The domain had mail exchangers and has none now. */
  | { kind: 'mx_removed' }
  /** Every name server replaced at once: a new holder's hosting, typically after a drop-catch. */
  | { kind: 'ns_replaced' };

/** The moves from `previous` (null: never probed) to `current`; empty when nothing worth a check moved. */
export function probeMoves(previous: ProbeSnapshot | null, current: ProbeSnapshot): ProbeMove[] {
  const moves: ProbeMove[] = [];
  if (current.nxdomain) {
    // Already NXDOMAIN last time: the check that followed has seen it; do not ask again every day.
    if (!previous?.nxdomain) moves.push({ kind: 'nxdomain' });
    return moves;
  }
  const parked = parkingNameserverOf(current.nameservers);
  const wasParked = previous ? parkingNameserverOf(previous.nameservers) : null;
  if (parked && !wasParked) moves.push({ kind: 'parking', nameserver: parked });
  if (!previous || previous.nxdomain) return moves;
  if (previous.mx.length > 0 && current.mx.length === 0) moves.push({ kind: 'mx_removed' });
  const before = new Set(previous.nameservers);
  if (!parked && before.size > 0 && current.nameservers.length > 0 && !current.nameservers.some((ns) => before.has(ns)))
    moves.push({ kind: 'ns_replaced' });
  return moves;
}

/** One line for the probe row and logs: "nxdomain", "parking:Sedo", "mx_removed,ns_replaced". */
export function describeMoves(moves: ProbeMove[]): string {
  return moves.map((m) => (m.kind === 'parking' ? `parking:${m.nameserver.operator}` : m.kind)).join(',');
}
