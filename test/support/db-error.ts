/** The PostgreSQL error under drizzle's "Failed query" wrapper: message, constraint name, code. */
export async function pgError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const cause = (error as { cause?: { message?: string; constraint_name?: string; code?: string } }).cause;
    return [cause?.message, cause?.constraint_name, cause?.code].filter(Boolean).join(' | ');
  }
  throw new Error('expected the statement to be refused, but it succeeded');
}
