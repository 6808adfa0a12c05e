// Fat-finger typos: a key replaced by one touching it. Neighbours are computed from the rows of each
// layout rather than typed out per key, so the three layouts cannot drift apart by hand.

// Rows top to bottom (digits, then letters), with each row's horizontal offset in key widths on a
// standard staggered keyboard. Two keys touch when they sit in the same row side by side, or in
// adjacent rows less than one key width apart.
const LAYOUTS: Record<string, readonly string[]> = {
  qwerty: ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'],
  qwertz: ['1234567890', 'qwertzuiop', 'asdfghjkl', 'yxcvbnm'],
  azerty: ['1234567890', 'azertyuiop', 'qsdfghjklm', 'wxcvbn'],
};
const ROW_OFFSETS = [0, 0.5, 0.75, 1.25];

function neighboursOf(rows: readonly string[]): Map<string, Set<string>> {
  const at = new Map<string, { row: number; x: number }>();
  rows.forEach((keys, row) => {
    [...keys].forEach((key, col) => {
      at.set(key, { row, x: col + (ROW_OFFSETS[row] ?? 0) });
    });
  });
  const out = new Map<string, Set<string>>();
  for (const [key, a] of at) {
    const near = new Set<string>();
    for (const [other, b] of at) {
      if (other === key) continue;
      const dx = Math.abs(a.x - b.x);
      if ((a.row === b.row && dx === 1) || (Math.abs(a.row - b.row) === 1 && dx < 1)) near.add(other);
    }
    out.set(key, near);
  }
  return out;
}

const NEIGHBOURS: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const merged = new Map<string, Set<string>>();
  for (const rows of Object.values(LAYOUTS)) {
    for (const [key, near] of neighboursOf(rows)) merged.set(key, new Set([...(merged.get(key) ?? []), ...near]));
  }
  return merged;
})();

/** Keys next to `key` on a QWERTY, QWERTZ or AZERTY keyboard, sorted. */
export function keyboardNeighbours(key: string): string[] {
  return [...(NEIGHBOURS.get(key) ?? [])].sort();
}

export function keyboard(label: string): Set<string> {
  const c = Array.from(label);
  const out = new Set<string>();
  c.forEach((ch, i) => {
    for (const near of keyboardNeighbours(ch)) out.add([...c.slice(0, i), near, ...c.slice(i + 1)].join(''));
  });
  return out;
}
