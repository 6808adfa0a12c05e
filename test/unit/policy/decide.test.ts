import { describe, expect, it } from 'vitest';
import { LAPSED_STAGES, type Stage } from '@/core/domains';
import { isSameRegistration } from '@/lib/policy/decide';
import { DEFAULT_POLICY_SETTINGS, parsePolicySettings } from '@/lib/policy/settings';
import { EXPIRES, REGISTERED, address, cls, decide, domain, lapsedFlag, types } from './builders';

describe('decidePolicy, stage by stage', () => {
  it('unknown: nothing at all, even with verified addresses and open flags', () => {
    const state = domain(
      [address(1), address(2, { verified: false, unverifyReason: 'domain_lifecycle', openFlag: lapsedFlag(9) })],
      { stage: 'redemption' },
    );
    expect(decide(state, cls('unknown', { handle: null, registeredAt: null }))).toEqual([
      { type: 'none', reason: expect.any(String) },
    ]);
  });

  it('active: nothing', () => {
    expect(types(decide(domain([address(1)]), cls('active')))).toEqual(['none']);
  });

  it('expiring: warns each verified address once per reminder step of the stated expiry, never unverifies', () => {
    const actions = decide(
      domain([address(1), address(2, { verified: false, unverifyReason: 'user' })]),
      cls('expiring'),
    );
    expect(actions).toEqual([
      {
        type: 'notify',
        emailId: 1,
        kind: 'domain_expiring',
        stage: 'expiring',
        dedupeKey: 'domain_expiring:example.com:2026-02-01:30d:1',
        reminderDays: 30,
      },
    ]);
  });

  it.each<[string, number, number]>([
    ['the window has just opened', 30, 30],
    ['three weeks to go', 21, 30],
    ['a week to go', 7, 7],
    ['five days to go (first seen late: only the step it is in)', 5, 7],
    ['a day to go', 1, 1],
    ['an hour to go', 1 / 24, 1],
  ])('expiring, %s: the %s-day reminder', (_label, daysLeft, step) => {
    const now = new Date(EXPIRES.getTime() - daysLeft * 86_400_000);
    const [action] = decide(domain([address(1)]), cls('expiring'), DEFAULT_POLICY_SETTINGS, now);
    expect(action).toMatchObject({
      reminderDays: step,
      dedupeKey: `domain_expiring:example.com:2026-02-01:${step}d:1`,
    });
  });

  it('grace: warns each verified address once per expiry date, never unverifies', () => {
    const actions = decide(domain([address(1), address(2, { verified: false, unverifyReason: 'user' })]), cls('grace'));
    expect(actions).toEqual([
      {
        type: 'notify',
        emailId: 1,
        kind: 'domain_expiring',
        stage: 'grace',
        dedupeKey: 'domain_expiring:example.com:grace:2026-02-01T10:00:00.000Z:1',
      },
    ]);
  });

  it('a renewal re-arms the warning (new expiry, new key)', () => {
    const before = decide(domain([address(1)]), cls('expiring'));
    const after = decide(domain([address(1)]), cls('expiring', { expiresAt: new Date('2027-02-01T10:00:00Z') }));
    expect(before[0]).not.toEqual(after[0]);
  });

  it.each<Stage>([...LAPSED_STAGES])('%s: unverifies verified addresses, opens one flag each, notifies', (stage) => {
    const actions = decide(domain([address(1), address(2)]), cls(stage));
    expect(actions).toEqual([
      { type: 'unverify', emailId: 1, reason: 'domain_lifecycle', stage },
      { type: 'open_flag', emailId: 1, stage, state: 'open' },
      {
        type: 'notify',
        emailId: 1,
        kind: 'address_unverified',
        stage,
        dedupeKey: 'address_unverified:example.com:1:2024-05-05T05:05:05.000Z',
      },
      { type: 'unverify', emailId: 2, reason: 'domain_lifecycle', stage },
      { type: 'open_flag', emailId: 2, stage, state: 'open' },
      {
        type: 'notify',
        emailId: 2,
        kind: 'address_unverified',
        stage,
        dedupeKey: 'address_unverified:example.com:2:2024-05-05T05:05:05.000Z',
      },
    ]);
  });

  it('does not open a second flag beside a live one (open or pending review)', () => {
    const actions = decide(
      domain([address(1, { openFlag: { id: 7, state: 'pending_review', stage: 'redemption' } })]),
      cls('redemption'),
    );
    expect(types(actions)).toEqual(['unverify', 'notify']);
  });

  it('leaves addresses already unverified by the user, staff or a bounce alone: no unverify, no flag', () => {
    const state = domain([
      address(1, { verified: false, unverifyReason: 'user' }),
      address(2, { verified: false, unverifyReason: 'staff' }),
      address(3, { verified: false, unverifyReason: 'bounce' }),
      address(4, { verified: false, verifiedAt: null }),
    ]);
    expect(types(decide(state, cls('available')))).toEqual(['none']);
  });

  it('follows the settings: none, warn, or unverify for any lapsing stage', () => {
    const settings = (redemption: string) => {
      const parsed = parsePolicySettings({ stageActions: { redemption } });
      if (!parsed.ok) throw new Error(parsed.issues.join());
      return parsed.value;
    };
    expect(types(decide(domain([address(1)]), cls('redemption'), settings('none')))).toEqual(['none']);
    expect(decide(domain([address(1)]), cls('redemption'), settings('warn'))).toEqual([
      expect.objectContaining({ type: 'notify', kind: 'domain_expiring', stage: 'redemption' }),
    ]);
  });
});

describe('staff overrides', () => {
  const overridden = (stage: Stage) => domain([address(1, { openFlag: { id: 5, state: 'overridden', stage } })]);

  it('an override in force covers its stage and earlier ones', () => {
    expect(types(decide(overridden('pending_delete'), cls('pending_delete')))).toEqual(['none']);
    expect(types(decide(overridden('pending_delete'), cls('redemption')))).toEqual(['none']);
    expect(types(decide(overridden('redemption'), cls('grace')))).toEqual(['none']);
  });

  it('does not cover a worse stage', () => {
    expect(types(decide(overridden('redemption'), cls('re_registered')))).toEqual(['unverify', 'open_flag', 'notify']);
  });
});

describe('isSameRegistration', () => {
  it('needs one matching identifier and no contradicting one', () => {
    const c = cls('active');
    expect(isSameRegistration({ registeredAt: REGISTERED, handle: 'h-1' }, c)).toBe(true);
    expect(isSameRegistration({ registeredAt: null, handle: 'H-1' }, c)).toBe(true);
    expect(isSameRegistration({ registeredAt: REGISTERED, handle: null }, c)).toBe(true);
    expect(isSameRegistration({ registeredAt: null, handle: null }, c)).toBe(false);
    expect(isSameRegistration({ registeredAt: REGISTERED, handle: 'H-2' }, c)).toBe(false);
    expect(isSameRegistration({ registeredAt: new Date(REGISTERED.getTime() + 1), handle: 'H-1' }, c)).toBe(false);
  });
});
