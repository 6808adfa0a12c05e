import type { z } from 'zod';

// A page's filters come from its URL. The JSON routes refuse a bad filter with 400 (parseInput), but a
// page cannot answer 400 once it renders; instead it drops the refused filters, lists as if they were not
// set, and says next to the filters what was refused. One schema serves both.

type RawSearch = Record<string, string | string[] | undefined> | URLSearchParams;

/** A page's searchParams or a URL's query as one string per key (the first of repeated keys). */
export function flatten(raw: RawSearch): Record<string, string | undefined> {
  const entries =
    raw instanceof URLSearchParams ? [...raw.keys()].map((k) => [k, raw.get(k) ?? undefined]) : Object.entries(raw);
  return Object.fromEntries(entries.map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}

export interface FilterParse<T> {
  /** The filters that passed; a refused one is absent. */
  search: T;
  /** Per refused key, the schema's own sentence ("Search text cannot contain control characters."). */
  refused: Record<string, string>;
}

/**
 * Parses `raw` with `schema`, leaving out each top-level key the schema refuses. The schema's fields
 * must each be optional (a URL filter may be missing), or this throws the schema's error.
 */
// biome-ignore lint/suspicious/noExplicitAny: any object schema of optional fields.
export function parseFilters<S extends z.ZodObject<any>>(schema: S, raw: RawSearch): FilterParse<z.output<S>> {
  const input: Record<string, string | undefined> = {};
  const flat = flatten(raw);
  for (const key of Object.keys(schema.shape)) input[key] = flat[key];
  const refused: Record<string, string> = {};
  // Each round removes at least one key, so this ends after at most one round per key.
  for (;;) {
    const parsed = schema.safeParse(input);
    if (parsed.success) return { search: parsed.data, refused };
    let removed = false;
    for (const issue of parsed.error.issues) {
      const key = issue.path[0];
      if (typeof key !== 'string' || input[key] === undefined) continue;
      refused[key] ??= issue.message;
      input[key] = undefined;
      removed = true;
    }
    if (!removed) throw parsed.error;
  }
}

/** The refusals as sentences for the page, each saying the filter was left out. */
export function refusalSentences(refused: Record<string, string>): string[] {
  return [...new Set(Object.values(refused))].map((m) => `${m} That filter was left out.`);
}
