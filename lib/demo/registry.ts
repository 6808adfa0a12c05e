import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { settings } from '@/db/schema';
import { type DemoDomain, demoDomains, recordFor } from '@/lib/protocol-server/dataset';

/** Custom domains the demo accounts rely on, with the lifecycle situation the protocol server serves. */
export const DEMO_ACCOUNT_DOMAINS = [
  { name: 'lapsed-example.dev', scenario: 're_registered' },
  { name: 'alice-dev.io', scenario: 'grace' },
] as const;

/**
 * The demo registry's domains as of `anchor`. The anchor is the moment the demo was seeded and is
 * kept in the database: the dataset's dates are relative to it, so every later start serves the
 * same registrations the seed recorded (a moving anchor would look like every domain was
 * registered again), and time passing ages the domains the way real ones age.
 */
export function demoRegistryDomains(anchor: Date): DemoDomain[] {
  const fixed = DEMO_ACCOUNT_DOMAINS.map(({ name, scenario }) => ({ name, scenario, record: recordFor(scenario, name, anchor) }));
  const taken = new Set<string>(fixed.map((d) => d.name));
  return [...fixed, ...demoDomains(anchor).filter((d) => !taken.has(d.name))];
}

const ANCHOR_KEY = 'demo.dataset_anchor';

export async function readDemoAnchor(db: DbOrTx): Promise<Date | null> {
  const [row] = await db.select().from(settings).where(eq(settings.key, ANCHOR_KEY));
  return typeof row?.value === 'string' ? new Date(row.value) : null;
}

export async function writeDemoAnchor(db: DbOrTx, anchor: Date): Promise<void> {
  await db.insert(settings).values({ key: ANCHOR_KEY, value: anchor.toISOString() }).onConflictDoNothing();
}
