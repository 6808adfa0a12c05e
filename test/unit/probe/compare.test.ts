import { describe, expect, it } from 'vitest';
import { PARKING_NAMESERVERS, parkingNameserverOf } from '@/lib/domains/parking-nameservers';
import { probeMoves } from '@/lib/probe/compare';

const live = { nxdomain: false, nameservers: ['ns1.gandi.net', 'ns2.gandi.net'], mx: ['mx1.improvmx.com'] };

describe('probe moves', () => {
  it('an unchanged answer asks for nothing', () => {
    expect(probeMoves(live, { ...live })).toEqual([]);
  });

  it('NXDOMAIN asks for a check once, not every day it stays so', () => {
    const gone = { nxdomain: true, nameservers: [], mx: [] };
    expect(probeMoves(live, gone).map((m) => m.kind)).toEqual(['nxdomain']);
    expect(probeMoves(null, gone).map((m) => m.kind)).toEqual(['nxdomain']);
    expect(probeMoves(gone, gone)).toEqual([]);
  });

  it('a move onto a registrar expiry host names the operator', () => {
    const parked = { nxdomain: false, nameservers: ['ns1.renewyourname.net', 'ns2.renewyourname.net'], mx: [] };
    const moves = probeMoves(live, parked);
    expect(moves[0]).toMatchObject({ kind: 'parking', nameserver: { suffix: 'renewyourname.net', kind: 'expired' } });
    // Parking replaced the NS and dropped MX too, but one check is asked for all of it.
    expect(moves.map((m) => m.kind)).toEqual(['parking', 'mx_removed']);
    expect(probeMoves(parked, parked)).toEqual([]);
  });

  it('MX removed while NS stays', () => {
    expect(probeMoves(live, { ...live, mx: [] }).map((m) => m.kind)).toEqual(['mx_removed']);
    // A domain that never had MX losing none is no move; a first probe has nothing to compare.
    expect(probeMoves({ ...live, mx: [] }, { ...live, mx: [] })).toEqual([]);
    expect(probeMoves(null, { ...live, mx: [] })).toEqual([]);
  });

  it('every name server replaced at once is a move; one replaced is not', () => {
    const moved = { ...live, nameservers: ['dana.ns.cloudflare.com', 'rob.ns.cloudflare.com'] };
    expect(probeMoves(live, moved).map((m) => m.kind)).toEqual(['ns_replaced']);
    expect(probeMoves(live, { ...live, nameservers: ['ns1.gandi.net', 'ns3.gandi.net'] })).toEqual([]);
  });
});

describe('parking name servers', () => {
  it('matches by suffix, case and trailing dot aside, and never an ordinary host', () => {
    expect(parkingNameserverOf(['NS1.PendingRenewalDeletion.com.'])?.suffix).toBe('pendingrenewaldeletion.com');
    expect(parkingNameserverOf(['ns2.sedoparking.com'])?.operator).toBe('Sedo');
    expect(parkingNameserverOf(['ns1.domaincontrol.com', 'dns1.registrar-servers.com'])).toBeNull();
    // A look-alike host is not a suffix match.
    expect(parkingNameserverOf(['ns1.notbodis.com'])).toBeNull();
  });

  it('every entry says where it was seen', () => {
    for (const entry of PARKING_NAMESERVERS) expect(entry.source.length).toBeGreaterThan(10);
  });
});
