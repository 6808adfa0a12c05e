import autocannon from 'autocannon';

// Signing in like a browser (CSRF token, then the credentials callback) and timing page loads.

/** The session cookie of a credentials sign-in. */
export async function signIn(base: string, username: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar },
    body: new URLSearchParams({ csrfToken, username, password, code: '', callbackUrl: `${base}/admin` }),
  });
  const session = response.headers.getSetCookie().find((c) => c.startsWith('authjs.session-token='));
  if (!session) throw new Error(`sign-in failed (${response.status}): no session cookie`);
  return session.split(';')[0]!;
}

export interface Timing {
  name: string;
  requests: number;
  p50: number;
  p95: number;
  errors: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;

/**
 * Loads `path` for `seconds` with `connections` concurrent clients, after a short warm-up, and
 * returns p50/p95 of the response times (autocannon reports p97.5, not p95, so they are kept here).
 */
export async function timePage(
  base: string,
  name: string,
  path: string,
  cookie: string,
  opts: { seconds: number; connections: number },
): Promise<Timing> {
  const headers = { cookie, accept: 'text/html' };
  await autocannon({ url: `${base}${path}`, connections: 1, amount: 5, headers });
  const latencies: number[] = [];
  let errors = 0;
  const instance = autocannon({
    url: `${base}${path}`,
    connections: opts.connections,
    duration: opts.seconds,
    headers,
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    latencies.push(ms);
    if (status !== 200) errors += 1;
  });
  const result = await instance;
  errors += result.errors + result.timeouts;
  latencies.sort((a, b) => a - b);
  return { name, requests: latencies.length, p50: percentile(latencies, 50), p95: percentile(latencies, 95), errors };
}
