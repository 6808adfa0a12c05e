import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/connect';
import { settings } from '@/db/schema';
export { DEMO_ACCOUNT_DOMAINS, demoRegistryDomains } from '@/dev/peers/protocol-server/dataset';

const ANCHOR_KEY = 'demo.dataset_anchor';

export async function readDemoAnchor(db: DbOrTx): Promise<Date | null> {
  const [row] = await db.select().from(settings).where(eq(settings.key, ANCHOR_KEY));
  return typeof row?.value === 'string' ? new Date(row.value) : null;
}

export async function writeDemoAnchor(db: DbOrTx, anchor: Date): Promise<void> {
  await db.insert(settings).values({ key: ANCHOR_KEY, value: anchor.toISOString() }).onConflictDoNothing();
}
