import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_LABELS, auditActionLabel } from '@/app/(admin)/admin/audit/action-labels';
import { AUDIT_ACTIONS } from '@/lib/audit/actions';

// The compiler is the main guard (the label map is a Record over AuditAction, recordAudit takes only
// an AuditAction). This reads the sources as well, for the action strings the code base writes.

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SOURCE_DIRS = ['lib', 'cli', 'scripts', 'dev', 'app'];

function sourceFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const full = path.join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|mjs)$/.test(name) ? [full] : [];
  });
}

/** Every `'capability.verb'` string in the value of an `action:` key (literals and ternaries). */
function writtenActions(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of SOURCE_DIRS.flatMap((d) => sourceFiles(path.join(ROOT, d)))) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const at = line.search(/\baction:\s/);
      if (at < 0) continue;
      for (const m of line.slice(at).matchAll(/'([a-z_]+\.[a-z_]+)'/g)) found.set(m[1]!, path.relative(ROOT, file));
    }
  }
  return found;
}

describe('audit actions', () => {
  it('every action has a label in words, and the map names nothing else', () => {
    expect(Object.keys(AUDIT_ACTION_LABELS).sort()).toEqual([...AUDIT_ACTIONS].sort());
    for (const action of AUDIT_ACTIONS) {
      expect(AUDIT_ACTION_LABELS[action].trim().length).toBeGreaterThan(3);
      expect(auditActionLabel(action)).toBe(AUDIT_ACTION_LABELS[action]);
    }
  });

  it('lists no action twice', () => {
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
  });

  it('an unknown stored code shows as itself', () => {
    expect(auditActionLabel('legacy.thing')).toBe('legacy.thing');
  });

  it('every action string the code base writes is in the list, and every listed action is written', () => {
    const written = writtenActions();
    const unlisted = [...written].filter(([a]) => !(AUDIT_ACTIONS as readonly string[]).includes(a));
    expect(unlisted).toEqual([]);
    const unwritten = AUDIT_ACTIONS.filter((a) => !written.has(a));
    expect(unwritten).toEqual([]);
  });
});
