// The permutation families by name, apart from the generator: the list's URL filter is parsed in the
// browser too, and this list should not bring the generator and its homoglyph tables along.

export const LOOKALIKE_FAMILIES = [
  'omission',
  'repetition',
  'transposition',
  'keyboard',
  'bitflip',
  'homoglyph',
  'hyphenation',
  'subdomain',
  'vowel_swap',
  'tld',
  'idn',
] as const;
export type LookalikeFamily = (typeof LOOKALIKE_FAMILIES)[number];
