// Narrowing helpers for untrusted JSON. Parsers built on them read what they understand and skip the
// rest, so one odd member in a registry's answer never costs the whole response.

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function records(value: unknown): JsonRecord[] {
  return asArray(value).filter(isRecord);
}

export function nonEmptyString(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** Identifiers arrive as strings or numbers (`"errorCode": "400"` at APNIC, `404` elsewhere). */
export function idString(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return nonEmptyString(value);
}

/** Host names as registries write them: any case, sometimes with the root's trailing dot. */
export function normalizeHostName(value: unknown): string | null {
  const name = nonEmptyString(value);
  if (name === null) return null;
  const bare = name.toLowerCase().replace(/\.$/, '');
  return bare === '' ? null : bare;
}
