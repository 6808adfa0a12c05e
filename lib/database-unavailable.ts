import { AppError } from './errors';

// "The database did not answer" is said only when it is true: a failure to reach PostgreSQL (refused or
// dropped connection, timeout, server shutting down, no connection slot) becomes this typed error. Any
// other failure (a query PostgreSQL refused, a bug) stays a plain error and is shown as one. Client-safe:
// the error boundaries import the digest from here.

/**
 * Next keeps a server error's own `digest` when it has one and hands only the digest to the browser's
 * error boundary (messages are stripped in production): this one tells the boundary what failed.
 */
export const DATABASE_UNAVAILABLE_DIGEST = 'gravekeeper:database-unavailable';

export class DatabaseUnavailableError extends AppError {
  readonly digest = DATABASE_UNAVAILABLE_DIGEST;
  constructor(cause: unknown) {
    super('provider_unavailable', 'The database did not answer. Nothing was changed; try again in a moment.');
    this.name = 'DatabaseUnavailableError';
    this.cause = cause;
  }
}

// Node's socket errors and postgres.js's own connection codes.
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
]);

/** SQLSTATEs of a server that cannot serve now: class 08 (connection), shutdown, starting up, no slots. */
const UNAVAILABLE_SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;

/** True when `error` (or what it wraps: drizzle puts the driver's error in `cause`) is a failure to reach the database. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (
    let e = error, depth = 0;
    e && typeof e === 'object' && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    if (e instanceof DatabaseUnavailableError) return true;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (CONNECTION_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
  }
  return false;
}

/** The typed error for a failure to reach the database; any other error unchanged. Use as `.catch((e) => { throw asDatabaseError(e) })`. */
export function asDatabaseError(error: unknown): unknown {
  return isDatabaseUnavailable(error) && !(error instanceof DatabaseUnavailableError)
    ? new DatabaseUnavailableError(error)
    : error;
}
