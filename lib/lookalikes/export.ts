import type { CandidateRow } from './queries';

// The malicious candidates for a registry's takedown requests (CSV: the facts a registrar's abuse
// desk asks for) and its mail filters (plain list: one domain a line, punycode, as filters match).

const cell = (v: string) =>
  /[",\n\r]/.test(v) || /^[=+\-@]/.test(v) ? `"${v.replace(/"/g, '""').replace(/^([=+\-@])/, "'$1")}"` : v;

export function maliciousCsv(rows: CandidateRow[]): string {
  const head = [
    'domain',
    'unicode',
    'registrar',
    'registered_at',
    'nameservers',
    'mx',
    'addresses',
    'imitates',
    'marked_at',
    'reason',
  ];
  const lines = rows.map((r) =>
    [
      r.domain,
      r.unicode,
      r.registrar ?? '',
      r.registeredAt ?? '',
      r.nameservers.join(' '),
      r.mx.join(' '),
      r.addresses.join(' '),
      r.names.join(' '),
      r.markedAt ?? '',
      r.markReason ?? '',
    ]
      .map(cell)
      .join(','),
  );
  return `${[head.join(','), ...lines].join('\r\n')}\r\n`;
}

export const maliciousList = (rows: CandidateRow[]) => rows.map((r) => `${r.domain}\n`).join('');
