import type { CheckedDomain } from '@/lib/domains/check';
import type { TimelineDate } from '@/core/domains';

// The human-readable report of one domain check. Registry data is untrusted (registrar names with
// markup or control characters exist), so every value is stripped of terminal control codes.

const TIMELINE_LABELS = [
  ['registeredAt', 'registered'],
  ['expiresAt', 'expires'],
  ['graceEndsAt', 'grace ends'],
  ['redemptionEndsAt', 'redemption ends'],
  ['deletionAt', 'deletion'],
] as const;

// C0 and C1 controls (ESC starts terminal escape sequences); tab and newline are flattened too.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const clean = (text: string) => text.replace(CONTROL, ' ');

function date(d: TimelineDate | null): string {
  return d ? `${d.at.replace(/\.000Z$/, 'Z')}  (${d.kind})` : '—';
}

export function formatCheck(input: string, result: CheckedDomain, unicodeDomain: string): string {
  const { classification: c } = result;
  const lines: string[] = [];
  const shown = unicodeDomain !== result.domain ? `${result.domain} (${unicodeDomain})` : result.domain;
  lines.push(input.trim().toLowerCase() === result.domain ? clean(shown) : `${clean(shown)}  ← ${clean(input)}`);
  lines.push(`stage:      ${c.stage}`);
  if (c.handle) lines.push(`handle:     ${clean(c.handle)}`);
  if (c.registrar) lines.push(`registrar:  ${clean(c.registrar)}`);
  lines.push('', 'evidence:');
  for (const item of c.evidence) {
    const mark = item.kind === 'decided' ? '=>' : ' -';
    lines.push(`  ${mark} [${item.source}] ${clean(item.message)}  (${item.code})`);
  }
  lines.push('', 'timeline:');
  for (const [key, label] of TIMELINE_LABELS) lines.push(`  ${label.padEnd(16)} ${date(c.timeline[key])}`);
  lines.push('', 'sources:');
  for (const s of result.sources) {
    const latency = s.latencyMs === null ? '' : `  ${s.latencyMs} ms`;
    const detail = s.ok
      ? s.statusWords
        ? `  words: ${s.statusWords.map(clean).join(' ')}`
        : ''
      : `  ${s.error?.code}: ${clean(s.error?.message ?? '')}`;
    lines.push(`  ${s.name.padEnd(8)} ${s.ok ? 'ok' : 'ERROR'}${detail}${latency}`);
  }
  if (result.sources.length === 0) lines.push('  (none queried)');
  return `${lines.join('\n')}\n`;
}
