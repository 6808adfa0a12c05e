// Typed failures shared by actions, route handlers, the CLI and jobs. `message` is plain words a
// person can act on; anything internal (SQL, stack) stays in the server log.
export const ERROR_CODES = [
  'unauthenticated',
  'forbidden',
  // A recovery change needs a fresh proof of identity (password or second factor) first.
  'step_up_required',
  'not_found',
  'conflict',
  'invalid_input',
  'rate_limited',
  'provider_unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const HTTP_STATUS: Record<ErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  step_up_required: 403,
  not_found: 404,
  conflict: 409,
  invalid_input: 400,
  rate_limited: 429,
  provider_unavailable: 503,
  internal: 500,
};

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode; message: string; fields?: Record<string, string> };

/** Turns any thrown value into a result a browser may see. */
export function toFailure(error: unknown): Extract<ActionResult<never>, { ok: false }> {
  if (error instanceof AppError) return { ok: false, code: error.code, message: error.message, fields: error.fields };
  console.error('[gravekeeper] unexpected error', error);
  return { ok: false, code: 'internal', message: 'Something went wrong on our side. Nothing was changed; try again.' };
}
