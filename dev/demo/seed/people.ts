import { pick, type Rng } from '@/dev/peers/protocol-server/random';

const FIRST = [
  'Ada',
  'Alan',
  'Amara',
  'Ana',
  'Arjun',
  'Ben',
  'Bianca',
  'Carlos',
  'Chen',
  'Chloe',
  'Dana',
  'Daniel',
  'Deepa',
  'Elif',
  'Emma',
  'Ethan',
  'Fatima',
  'Felix',
  'Gabriel',
  'Hana',
  'Hugo',
  'Ines',
  'Isaac',
  'Jana',
  'Javier',
  'Jin',
  'Kai',
  'Kenji',
  'Lara',
  'Leila',
  'Liam',
  'Lucia',
  'Maya',
  'Mei',
  'Mohammed',
  'Nadia',
  'Nico',
  'Noah',
  'Olga',
  'Omar',
  'Paula',
  'Pedro',
  'Quinn',
  'Rahul',
  'Rosa',
  'Sam',
  'Sara',
  'Sofia',
  'Tariq',
  'Theo',
  'Uma',
  'Viktor',
  'Wei',
  'Yara',
  'Yusuf',
  'Zara',
];
const LAST = [
  'Abbott',
  'Adeyemi',
  'Andersen',
  'Baker',
  'Bianchi',
  'Chen',
  'Costa',
  'Dubois',
  'Eriksen',
  'Fischer',
  'Garcia',
  'Gupta',
  'Haddad',
  'Ito',
  'Jensen',
  'Kaur',
  'Kim',
  'Kowalski',
  'Larsen',
  'Lopez',
  'Martin',
  'Meyer',
  'Moreau',
  'Nakamura',
  'Novak',
  'Okafor',
  'Olsen',
  'Patel',
  'Petrov',
  'Quispe',
  'Rossi',
  'Sato',
  'Schmidt',
  'Silva',
  'Singh',
  'Tanaka',
  'Torres',
  'Nguyen',
  'Vargas',
  'Wagner',
  'Walker',
  'Weber',
  'Xu',
  'Yilmaz',
  'Zhang',
];

// Weighted roughly like maintainers' addresses: mostly Gmail, then the other big providers.
const PROVIDERS: [string, number][] = [
  ['gmail.com', 45],
  ['outlook.com', 10],
  ['hotmail.com', 7],
  ['yahoo.com', 8],
  ['proton.me', 6],
  ['icloud.com', 6],
  ['protonmail.com', 3],
  ['gmx.de', 3],
  ['fastmail.com', 3],
  ['aol.com', 2],
  ['yandex.ru', 2],
  ['qq.com', 3],
  ['me.com', 2],
];
const PROVIDER_TOTAL = PROVIDERS.reduce((s, [, w]) => s + w, 0);

export function person(rng: Rng, i: number) {
  const first = pick(rng, FIRST);
  const last = pick(rng, LAST);
  const style = i % 4;
  const base =
    style === 0
      ? `${first}${last}`
      : style === 1
        ? `${first[0]}${last}`
        : style === 2
          ? `${first}-${last}`
          : `${last}${first[0]}`;
  return { name: `${first} ${last}`, username: `${base.toLowerCase()}${i}` };
}

export function provider(rng: Rng): string {
  let roll = rng() * PROVIDER_TOTAL;
  for (const [domain, weight] of PROVIDERS) {
    roll -= weight;
    if (roll <= 0) return domain;
  }
  return 'gmail.com';
}

export const CUSTOM_LOCAL_PARTS = ['dev', 'me', 'hello', 'maintainer', 'ops', 'security', 'pypi', 'npm', 'oss'];
