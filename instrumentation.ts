// Runs once when the web server starts, before any request: the database pool learns its URL from
// the environment, read through the one zod schema (lib/env.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const [{ configureDb }, { readEnv }] = await Promise.all([import('@/db/client'), import('@/lib/env')]);
  configureDb(readEnv().DATABASE_URL);
}
