import { describe, expect, it } from 'vitest';
import { layoutTimeline, type TimelineInput } from '@/components/domains/timeline-layout';

const now = '2026-06-01T00:00:00.000Z';
const base: TimelineInput = {
  now,
  stage: 'grace',
  stageSince: '2026-05-20T00:00:00.000Z',
  stageChanges: [
    { stage: 'active', at: '2026-03-01T00:00:00.000Z' },
    { stage: 'expiring', at: '2026-04-25T00:00:00.000Z' },
    { stage: 'grace', at: '2026-05-20T00:00:00.000Z' },
  ],
  timeline: {
    registeredAt: { at: '2012-01-01T00:00:00.000Z', kind: 'stated' },
    expiresAt: { at: '2026-05-19T00:00:00.000Z', kind: 'stated' },
    graceEndsAt: { at: '2026-07-03T00:00:00.000Z', kind: 'estimated' },
    redemptionEndsAt: { at: '2026-08-02T00:00:00.000Z', kind: 'estimated' },
    deletionAt: { at: '2026-08-07T00:00:00.000Z', kind: 'estimated' },
  },
  flags: [{ id: 1, createdAt: '2026-05-21T00:00:00.000Z', address: 'a@x.dev' }],
  scans: [{ id: 9, createdAt: '2026-05-20T00:00:00.000Z', kind: 'domain', state: 'done' }],
};

describe('timeline layout', () => {
  it('draws observed bands up to now, then the projected phases up to each estimated end', () => {
    const layout = layoutTimeline(base);
    expect(layout.bands.map((b) => [b.stage, b.projected])).toEqual([
      ['active', false],
      ['expiring', false],
      ['grace', false],
      ['grace', true],
      ['redemption', true],
      ['pending_delete', true],
    ]);
    // Bands tile the axis in order, without overlap.
    for (let i = 1; i < layout.bands.length; i += 1) {
      const prev = layout.bands[i - 1]!;
      expect(layout.bands[i]!.x).toBeCloseTo(prev.x + prev.width, 6);
    }
    expect(layout.nowX).toBeGreaterThan(0);
    expect(layout.nowX).toBeLessThan(1);
  });

  it('keeps stated and estimated dates apart and pins a far registration date to the edge', () => {
    const layout = layoutTimeline(base);
    const byKey = Object.fromEntries(layout.markers.map((m) => [m.key, m]));
    expect(byKey.expiresAt).toMatchObject({ kind: 'stated', offScale: null });
    expect(byKey.graceEndsAt).toMatchObject({ kind: 'estimated', offScale: null });
    expect(byKey.registeredAt).toMatchObject({ kind: 'stated', offScale: 'before', x: 0 });
    expect(layout.events.map((e) => e.type).sort()).toEqual(['flag', 'scan']);
    expect(layout.ticks.length).toBeGreaterThan(2);
  });

  it('falls back to the domain stage when no observation recorded a change, and projects nothing for re-registered', () => {
    const layout = layoutTimeline({
      ...base,
      stage: 're_registered',
      stageChanges: [],
      timeline: null,
      flags: [],
      scans: [],
    });
    expect(layout.bands).toHaveLength(1);
    expect(layout.bands[0]).toMatchObject({ stage: 're_registered', projected: false });
    expect(layout.markers).toEqual([]);
  });
});
