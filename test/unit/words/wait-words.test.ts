import { describe, expect, it } from 'vitest';
import { tooManyRequests, tryAgainIn } from '@/lib/rate-limit/wait-words';

describe('tryAgainIn: a wait in the words a person uses', () => {
  it.each([
    [1, 'in a few seconds'],
    [10, 'in a few seconds'],
    [11, 'in a minute'],
    [60, 'in a minute'],
    [61, 'in 2 minutes'],
    [5 * 60, 'in 5 minutes'],
    [14 * 60 + 1, 'in 15 minutes'],
    [50 * 60, 'in 50 minutes'],
    [3540, 'in about an hour'],
    [3600, 'in about an hour'],
    [90 * 60, 'in about an hour'],
    [90 * 60 + 1, 'in about 2 hours'],
    [5 * 3600, 'in about 5 hours'],
    [3 * 86_400, 'in about 3 days'],
  ])('%i seconds → %s', (seconds, words) => {
    expect(tryAgainIn(seconds)).toBe(words);
  });

  it('never shows a count of seconds, and never promises less than the real wait', () => {
    for (let s = 0; s <= 4 * 86_400; s += 17) {
      const words = tryAgainIn(s);
      expect(words).not.toMatch(/\d+ seconds?/);
      const minutes = /^in (\d+) minutes$/.exec(words);
      if (minutes) expect(Number(minutes[1]) * 60).toBeGreaterThanOrEqual(s);
      if (words === 'in a minute') expect(s).toBeLessThanOrEqual(60);
    }
  });

  it('reads as one sentence for a refused request', () => {
    expect(tooManyRequests(3540)).toBe('Too many requests. Try again in about an hour.');
    expect(tooManyRequests(240, 'sign-in attempts')).toBe('Too many sign-in attempts. Try again in 4 minutes.');
  });
});
