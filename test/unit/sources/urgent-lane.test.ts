import { describe, expect, it } from 'vitest';
import { HostGate, inUrgentLane, systemClock } from '@/lib/domains/host-limiter';

// "Rescan now" runs its checks in the urgent lane: at a host whose places are all taken by a full
// scan, its request takes the next free place, ahead of every full-scan request already waiting.

describe('urgent lane at a host gate', () => {
  it('an urgent request queued behind five normal ones starts as soon as a place frees', async () => {
    const gate = new HostGate({ concurrency: 1, requestsPerSecond: 0 }, systemClock);
    const order: string[] = [];
    let release: () => void = () => {};
    const holding = gate.run(
      () =>
        new Promise<void>((resolve) => {
          order.push('running');
          release = resolve;
        }),
    );
    const normal = Array.from({ length: 5 }, (_, i) =>
      gate.run(async () => {
        order.push(`normal${i}`);
      }),
    );
    const urgent = inUrgentLane(() =>
      gate.run(async () => {
        order.push('urgent');
      }),
    );
    await new Promise((r) => setTimeout(r, 10));
    release();
    await Promise.all([holding, ...normal, urgent]);
    expect(order).toEqual(['running', 'urgent', 'normal0', 'normal1', 'normal2', 'normal3', 'normal4']);
  });

  it('outside the lane, requests keep their arrival order', async () => {
    const gate = new HostGate({ concurrency: 1, requestsPerSecond: 0 }, systemClock);
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        gate.run(async () => {
          order.push(i);
        }),
      ),
    );
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
