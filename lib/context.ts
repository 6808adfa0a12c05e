import type { DbOrTx } from '@/db/connect';
import type { Actor } from '@/lib/auth/actor';
import type { UserActor } from '@/lib/auth/session';

// Every write verb in lib/ has one signature, `verb({ ctx, input })`: who acts, the transaction (its
// audit row commits with the change), and the clock come in `ctx`, with any side effect the verb
// needs (a live domain check, the base URL of links) beside them, so tests pass their own.

export interface VerbContext<A extends Actor = UserActor> {
  tx: DbOrTx;
  actor: A;
  now: Date;
}

export type Verb<C, I, T> = (args: { ctx: C; input: I }) => Promise<T>;
