import { describe, expect, it } from 'vitest';
import { checkBlastRadius } from '@/lib/policy/blast-radius';
import { DEFAULT_POLICY_SETTINGS } from '@/lib/policy/settings';

const check = (plannedUnverify: number, verifiedChecked: number) =>
  checkBlastRadius({ plannedUnverify, verifiedChecked }, DEFAULT_POLICY_SETTINGS);

describe('checkBlastRadius', () => {
  it('allows ordinary runs', () => {
    expect(check(0, 0)).toEqual({ allowed: true });
    expect(check(3, 1000)).toEqual({ allowed: true });
    expect(check(50, 1000)).toEqual({ allowed: true });
    expect(check(2, 3)).toEqual({ allowed: true }); // too few checked for a share to mean anything
  });

  it('holds a run above the absolute limit', () => {
    expect(check(51, 100_000)).toMatchObject({ allowed: false });
  });

  it('holds a run above the share', () => {
    expect(check(20, 100)).toEqual({ allowed: true });
    expect(check(21, 100)).toMatchObject({ allowed: false, reason: expect.stringContaining('21 %') });
  });
});
