import type { Role } from '@/db/schema/enums';

/** The signed-in session an action comes from: its random id (the key of its step-up proofs). */
export interface SessionRef {
  id: string;
}

// Who is acting. Verbs in lib/ take it in their context so the dashboard, the CLI and jobs share them.
export type Actor =
  | {
      type: 'user';
      id: number;
      role: Role;
      username: string;
      session?: SessionRef;
      /**
       * Set by currentActor (lib/auth/session.ts) for a staff or admin account without two-factor
       * authentication: it may do only what a user may (enough to enrol) until it turns 2FA on.
       */
      needsSecondFactor?: boolean;
    }
  | { type: 'job'; name: string }
  /** A registry's system calling the integration API with a token (lib/api/define-api-route.ts). */
  | { type: 'api'; tokenId: number; name: string }
  | { type: 'cli'; operator: string }
  | { type: 'system' };

export function actorLabel(actor: Actor): string {
  switch (actor.type) {
    case 'user':
      return actor.username;
    case 'job':
      return `job:${actor.name}`;
    case 'api':
      return `api:${actor.name}`;
    case 'cli':
      return `cli:${actor.operator}`;
    case 'system':
      return 'system';
  }
}
