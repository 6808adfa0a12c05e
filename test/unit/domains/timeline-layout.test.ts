import { describe, expect, it } from 'vitest';
import { bandTitle } from '@/components/domains/lifecycle-timeline';
import { type Band, layoutTimeline, type TimelineInput } from '@/components/domains/timeline-layout';
import { buildTimeline } from '@/lib/domains/timeline';
import type { Stage } from '@/core/domains';
import { d, rdapDomain } from './helpers';

// The domain page's stage bands for each stage: observed stages (the current one from the day it
// was first seen, or from the stated date that started it) and only the phases still to come
// projected. Lifecycle dates come from the real buildTimeline over an RDAP record.

const NOW = '2026-06-01T00:00:00.000Z';
const at = (iso: string) => `${iso}T00:00:00.000Z`;

/** A domain first seen in `stage` on `firstSeen`, after the given earlier stages, with `rdap`'s dates. */
function input(
  stage: Stage,
  history: [Stage, string][],
  rdap: Parameters<typeof rdapDomain>[0] | null = {},
): TimelineInput {
  const timeline = rdap === null ? null : buildTimeline(rdapDomain(rdap), stage, { now: d(NOW) });
  return {
    now: NOW,
    stage,
    stageSince: history.length ? at(history[history.length - 1]![1]) : null,
    stageChanges: history.map(([s, day]) => ({ stage: s, at: at(day) })),
    timeline,
    flags: [],
    scans: [],
  };
}

const shape = (bands: Band[]) => bands.map((b) => [b.stage, b.projected ? 'projected' : 'observed', b.current]);
const current = (bands: Band[]) => bands.filter((b) => b.current);

describe('timeline bands, stage by stage', () => {
  it('active: observed up to now, nothing projected', () => {
    const layout = layoutTimeline(input('active', [['active', '2026-03-01']]));
    expect(shape(layout.bands)).toEqual([['active', 'observed', true]]);
    expect(layout.bands[0]).toMatchObject({ from: at('2026-03-01'), to: NOW, fromKind: 'observed' });
  });

  it('expiring: observed until the stated expiry, then grace, redemption and deletion projected from it', () => {
    const layout = layoutTimeline(
      input(
        'expiring',
        [
          ['active', '2026-03-01'],
          ['expiring', '2026-05-10'],
        ],
        { expiresAt: d('2026-06-09T00:00:00Z') },
      ),
    );
    expect(shape(layout.bands)).toEqual([
      ['active', 'observed', false],
      ['expiring', 'observed', true],
      ['grace', 'projected', false],
      ['redemption', 'projected', false],
      ['pending_delete', 'projected', false],
    ]);
    const [, expiring, grace] = layout.bands;
    expect(expiring).toMatchObject({ from: at('2026-05-10'), to: at('2026-06-09') });
    // The first projected phase starts at the registry's stated expiry, not at now.
    expect(grace).toMatchObject({ from: at('2026-06-09'), to: at('2026-07-24'), fromKind: 'stated' });
  });

  it('grace: one observed band from the stated expiry (before the first check saw it), no projected grace', () => {
    const layout = layoutTimeline(
      input(
        'grace',
        [
          ['active', '2026-03-01'],
          ['expiring', '2026-04-25'],
          ['grace', '2026-05-20'],
        ],
        { expiresAt: d('2026-05-19T00:00:00Z') },
      ),
    );
    expect(shape(layout.bands)).toEqual([
      ['active', 'observed', false],
      ['expiring', 'observed', false],
      ['grace', 'observed', true],
      ['redemption', 'projected', false],
      ['pending_delete', 'projected', false],
    ]);
    expect(layout.bands.filter((b) => b.stage === 'grace')).toHaveLength(1);
    const [grace] = current(layout.bands);
    // From the stated expiry; up to the estimated end of grace (45 days later), through now.
    expect(grace).toMatchObject({ from: at('2026-05-19'), to: at('2026-07-03'), fromKind: 'stated' });
    // The band before it ends where grace starts: bands tile the axis without overlap.
    expect(layout.bands[1]!.to).toBe(at('2026-05-19'));
    for (let i = 1; i < layout.bands.length; i += 1) {
      const prev = layout.bands[i - 1]!;
      expect(layout.bands[i]!.x).toBeCloseTo(prev.x + prev.width, 6);
    }
    expect(layout.bands[3]).toMatchObject({ from: at('2026-07-03'), to: at('2026-08-02'), fromKind: 'estimated' });
    expect(grace!.x).toBeLessThan(layout.nowX);
    expect(grace!.x + grace!.width).toBeGreaterThan(layout.nowX);
  });

  it('grace first seen today: observed from its stated start, never "projected from now"', () => {
    const layout = layoutTimeline(input('grace', [['grace', '2026-06-01']], { expiresAt: d('2026-05-12T00:00:00Z') }));
    expect(shape(layout.bands)).toEqual([
      ['grace', 'observed', true],
      ['redemption', 'projected', false],
      ['pending_delete', 'projected', false],
    ]);
    expect(current(layout.bands)[0]).toMatchObject({ from: at('2026-05-12'), fromKind: 'stated' });
  });

  it('redemption: observed from the day it was first seen (grace’s end is only an estimate), deletion projected', () => {
    const layout = layoutTimeline(
      input(
        'redemption',
        [
          ['grace', '2026-04-02'],
          ['redemption', '2026-05-18'],
        ],
        { expiresAt: d('2026-04-01T00:00:00Z') },
      ),
    );
    expect(shape(layout.bands)).toEqual([
      ['grace', 'observed', false],
      ['redemption', 'observed', true],
      ['pending_delete', 'projected', false],
    ]);
    expect(current(layout.bands)[0]).toMatchObject({
      from: at('2026-05-18'),
      to: at('2026-06-15'),
      fromKind: 'observed',
    });
    // Earlier stages keep the checks' dates: only the current stage starts at a stated date.
    expect(layout.bands[0]).toMatchObject({ from: at('2026-04-02'), to: at('2026-05-18'), fromKind: 'observed' });
  });

  it('pending delete: observed up to the stated deletion date, nothing after it', () => {
    const layout = layoutTimeline(
      input('pending_delete', [['pending_delete', '2026-05-30']], {
        expiresAt: d('2026-03-15T00:00:00Z'),
        deletionAt: d('2026-06-03T00:00:00Z'),
      }),
    );
    expect(shape(layout.bands)).toEqual([['pending_delete', 'observed', true]]);
    expect(layout.bands[0]).toMatchObject({ from: at('2026-05-30'), to: at('2026-06-03') });
  });

  it('available: observed up to now, nothing projected', () => {
    const layout = layoutTimeline(
      input(
        'available',
        [
          ['pending_delete', '2026-05-01'],
          ['available', '2026-05-06'],
        ],
        null,
      ),
    );
    expect(shape(layout.bands)).toEqual([
      ['pending_delete', 'observed', false],
      ['available', 'observed', true],
    ]);
    expect(layout.bands[1]).toMatchObject({ from: at('2026-05-06'), to: NOW });
  });

  it('re-registered: observed from the new registration’s stated date, nothing projected', () => {
    const layout = layoutTimeline(
      input(
        're_registered',
        [
          ['available', '2026-04-20'],
          ['re_registered', '2026-05-25'],
        ],
        { registeredAt: d('2026-05-22T00:00:00Z'), expiresAt: d('2027-05-22T00:00:00Z') },
      ),
    );
    expect(shape(layout.bands)).toEqual([
      ['available', 'observed', false],
      ['re_registered', 'observed', true],
    ]);
    expect(layout.bands[1]).toMatchObject({ from: at('2026-05-22'), to: NOW, fromKind: 'stated' });
  });

  it('a stated date before the previous observed stage began does not move the band over it', () => {
    // Registered long ago by the new holder? Then the history contradicts it: keep the first check.
    const layout = layoutTimeline(
      input(
        're_registered',
        [
          ['available', '2026-04-20'],
          ['re_registered', '2026-05-25'],
        ],
        { registeredAt: d('2026-04-01T00:00:00Z'), expiresAt: d('2027-04-01T00:00:00Z') },
      ),
    );
    expect(layout.bands[1]).toMatchObject({ from: at('2026-05-25'), fromKind: 'observed' });
  });

  it('falls back to the domain’s own stage when no observation recorded the change', () => {
    const layout = layoutTimeline({
      ...input('re_registered', []),
      stageSince: at('2026-05-01'),
      timeline: null,
    });
    expect(shape(layout.bands)).toEqual([['re_registered', 'observed', true]]);
    expect(layout.bands[0]).toMatchObject({ from: at('2026-05-01'), to: NOW });
    expect(layout.markers).toEqual([]);
  });
});

describe('band titles', () => {
  const layout = layoutTimeline(
    input(
      'grace',
      [
        ['expiring', '2026-04-25'],
        ['grace', '2026-05-20'],
      ],
      { expiresAt: d('2026-05-19T00:00:00Z') },
    ),
  );
  const [expiring, grace, redemption] = layout.bands;

  it('says "observed from" for the current stage, with its expected end, and "projected" only for what is to come', () => {
    expect(bandTitle(grace!, layout.now)).toBe(
      'Grace: observed from 19 May 2026 (date stated by the registry), still in it; expected to end 3 Jul 2026',
    );
    expect(bandTitle(expiring!, layout.now)).toBe('Expiring: observed from 25 Apr 2026 to 19 May 2026');
    expect(bandTitle(redemption!, layout.now)).toBe('Redemption (projected): 3 Jul 2026 – 2 Aug 2026');
    expect(layout.bands.map((b) => bandTitle(b, layout.now)).filter((t) => t.startsWith('Grace'))).toHaveLength(1);
  });
});

describe('markers and events', () => {
  const base = input(
    'grace',
    [
      ['active', '2026-03-01'],
      ['grace', '2026-05-20'],
    ],
    { registeredAt: d('2012-01-01T00:00:00Z'), expiresAt: d('2026-05-19T00:00:00Z') },
  );

  it('keeps stated and estimated dates apart and pins a far registration date to the edge', () => {
    const layout = layoutTimeline({
      ...base,
      flags: [{ id: 1, createdAt: at('2026-05-21'), address: 'a@x.dev' }],
      scans: [{ id: 9, createdAt: at('2026-05-20'), kind: 'domain', state: 'done' }],
    });
    const byKey = Object.fromEntries(layout.markers.map((m) => [m.key, m]));
    expect(byKey.expiresAt).toMatchObject({ kind: 'stated', offScale: null });
    expect(byKey.graceEndsAt).toMatchObject({ kind: 'estimated', offScale: null });
    expect(byKey.registeredAt).toMatchObject({ kind: 'stated', offScale: 'before', x: 0 });
    expect(layout.events.map((e) => e.type).sort()).toEqual(['flag', 'scan']);
    expect(layout.ticks.length).toBeGreaterThan(2);
    expect(layout.nowX).toBeGreaterThan(0);
    expect(layout.nowX).toBeLessThan(1);
  });
});
