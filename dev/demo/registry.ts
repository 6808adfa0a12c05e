import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { settings } from '@/db/schema';
import { demoRegistryDomains } from '@/dev/peers/protocol-server/dataset';
import { demoLookalikeRecords } from '@/dev/peers/protocol-server/lookalike-dataset';
import type { DomainRecord } from '@/dev/peers/protocol-server/records';
export { DEMO_ACCOUNT_DOMAINS, demoRegistryDomains } from '@/dev/peers/protocol-server/dataset';

const ANCHOR_KEY = 'demo.dataset_anchor';

export async function readDemoAnchor(db: DbOrTx): Promise<Date | null> {
  const [row] = await db.select().from(settings).where(eq(settings.key, ANCHOR_KEY));
  return typeof row?.value === 'string' ? new Date(row.value) : null;
}

export async function writeDemoAnchor(db: DbOrTx, anchor: Date): Promise<void> {
  await db.insert(settings).values({ key: ANCHOR_KEY, value: anchor.toISOString() }).onConflictDoNothing();
}

/**
 * Everything the local protocol server of the demo serves as of `anchor`: the maintainers' custom
 * domains and the registered look-alikes of the demo registry's own domain.
 */
export function demoProtocolRecords(anchor: Date): DomainRecord[] {
  return [...demoRegistryDomains(anchor).map((d) => d.record), ...demoLookalikeRecords(anchor)];
}
