// What `npm start` started, stopped last-started-first, once, however often and whenever it is
// asked (a signal during the first build, the web server exiting, an error): each part stops with
// the ones it depends on still up (the worker before the database, the database last).

/** Thrown into startup when a stop was asked meanwhile: start nothing more. */
export class StopRequested extends Error {
  constructor() {
    super('stopping');
  }
}

interface Part {
  name: string;
  stop: () => Promise<void>;
}

export class Stopper {
  #parts: Part[] = [];
  #stopping: Promise<void> | null = null;

  constructor(
    private readonly log: (line: string) => void,
    /** A part that takes longer is given up on (and named), so stopping always ends. */
    private readonly timeoutMs = 30_000,
  ) {}

  get stopping(): boolean {
    return this.#stopping !== null;
  }

  /** Registers a started part. Started after a stop was asked (a race), it is stopped at once. */
  add(name: string, stop: () => Promise<void>): void {
    if (!this.#stopping) {
      this.#parts.push({ name, stop });
      return;
    }
    const late = { name, stop };
    this.#stopping = this.#stopping.then(() => this.#stopOne(late));
  }

  /** Throws StopRequested if a stop was asked: called between startup steps. */
  check(): void {
    if (this.#stopping) throw new StopRequested();
  }

  /** Stops every part, in reverse order; resolves when all are down (or given up on). */
  async stop(): Promise<void> {
    this.#stopping ??= (async () => {
      while (this.#parts.length > 0) await this.#stopOne(this.#parts.pop()!);
    })();
    // A part added while stopping chains onto #stopping: wait until nothing more was added.
    let seen: Promise<void> | null;
    do {
      seen = this.#stopping;
      await seen;
    } while (seen !== this.#stopping);
  }

  async #stopOne(part: Part): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.timeoutMs);
    });
    try {
      const outcome = await Promise.race([part.stop().then(() => 'stopped' as const), timedOut]);
      if (outcome === 'timeout') this.log(`${part.name} did not stop within ${this.timeoutMs / 1000} s`);
    } catch (error) {
      this.log(`${part.name}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      clearTimeout(timer);
    }
  }
}
