import { describe, expect, it } from 'vitest';
import { STAGES } from '@/core/domains';
import { DEFAULT_POLICY_SETTINGS, parsePolicySettings } from '@/lib/policy/settings';

describe('policy settings', () => {
  it('defaults', () => {
    expect(DEFAULT_POLICY_SETTINGS).toEqual({
      stageActions: {
        active: 'none',
        expiring: 'warn',
        grace: 'warn',
        redemption: 'unverify',
        pending_delete: 'unverify',
        available: 'unverify',
        re_registered: 'unverify',
        unknown: 'none',
      },
      warningWindowDays: 30,
      blastRadius: { maxUnverify: 50, maxShare: 0.2 },
      recheck: {
        farDays: 30,
        nearExpiryDays: 1,
        lapsingDays: 1,
        errorBackoffBaseMinutes: 60,
        errorBackoffMaxMinutes: 1440,
      },
    });
    expect(Object.keys(DEFAULT_POLICY_SETTINGS.stageActions).sort()).toEqual([...STAGES].sort());
  });

  it('fills what a stored partial object leaves out', () => {
    const parsed = parsePolicySettings({ stageActions: { grace: 'unverify' }, blastRadius: { maxUnverify: 5 } });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.stageActions.grace).toBe('unverify');
    expect(parsed.value.stageActions.redemption).toBe('unverify');
    expect(parsed.value.blastRadius).toEqual({ maxUnverify: 5, maxShare: 0.2 });
    expect(parsed.value.recheck.farDays).toBe(30);
  });

  it('treats null and undefined as "all defaults"', () => {
    expect(parsePolicySettings(undefined)).toEqual({ ok: true, value: DEFAULT_POLICY_SETTINGS });
    expect(parsePolicySettings(null)).toEqual({ ok: true, value: DEFAULT_POLICY_SETTINGS });
  });

  it.each([
    ['unknown may not unverify', { stageActions: { unknown: 'unverify' } }, 'stageActions.unknown'],
    ['active may not warn', { stageActions: { active: 'warn' } }, 'stageActions.active'],
    ['no invented actions', { stageActions: { available: 'delete_account' } }, 'stageActions.available'],
    ['share is a fraction', { blastRadius: { maxShare: 1.5 } }, 'blastRadius.maxShare'],
    ['window in whole days', { warningWindowDays: 2.5 }, 'warningWindowDays'],
    ['positive intervals', { recheck: { farDays: 0 } }, 'recheck.farDays'],
    ['an object', 'strict', '(root)'],
  ])('rejects: %s', (_label, input, path) => {
    const parsed = parsePolicySettings(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues.join('\n')).toContain(path);
  });
});
