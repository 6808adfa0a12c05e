import type { ErrorCode } from '@/lib/errors';

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The browser side of defineRoute: JSON in, typed failure out (the message is already plain words). */
export async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  const body = (await response.json().catch(() => null)) as
    | (T & { ok?: undefined })
    | { ok: false; code: ErrorCode; message: string }
    | null;
  if (!response.ok || body === null) {
    const failure = body && 'ok' in body && body.ok === false ? body : null;
    throw new ApiError(failure?.code ?? 'internal', failure?.message ?? `The server answered ${response.status}.`);
  }
  return body as T;
}
