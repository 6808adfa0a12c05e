/**
 * A loop a worker process runs: `runOnce` (which says whether it drained what was due), then a sleep
 * of `intervalMs` when it did. An error of one run (database down, a peer unreachable) goes to
 * `onError` and the loop goes on. `stop()` ends it after the run in progress, ending the sleep at
 * once (and its timer, so nothing holds the process open).
 */
export function startPollLoop(
  runOnce: () => Promise<{ drained: boolean }>,
  options: { intervalMs: number; onError: (error: unknown) => void },
): { stop(): Promise<void> } {
  let stopped = false;
  let wake: (() => void) | null = null;
  const loop = (async () => {
    while (!stopped) {
      let drained = true;
      try {
        drained = (await runOnce()).drained;
      } catch (error) {
        options.onError(error);
      }
      if (drained && !stopped)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, options.intervalMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
