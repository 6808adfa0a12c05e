import { randomBytes } from 'node:crypto';
import { count } from 'drizzle-orm';
import type { Db } from '@/db/connect';
import { domainObservations, domains, emails, flags, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { hashPassword } from '@/lib/auth/password';
import { normalizeEmailDomain } from '@/lib/domains/normalize';
import { LAPSED_STAGES, type Stage } from '@/core/domains';
import { DEFAULT_POLICY_SETTINGS } from '@/lib/policy/settings';
import { nextCheckAt } from '@/lib/policy/recheck';
import { demoRegistryDomains, writeDemoAnchor } from '@/dev/demo/registry';
import type { DemoDomain } from '@/dev/peers/protocol-server/dataset';
import { between, pick, seededRng } from '@/dev/peers/protocol-server/random';
import { classifyDemoRecord } from './classify-record';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts';
import { CUSTOM_LOCAL_PARTS, person, provider } from './people';

const DAY = 86_400_000;
const BULK_USERS = 2_000;
const lapsed = new Set<Stage>(LAPSED_STAGES);

export interface SeedSummary {
  seeded: boolean;
  users: number;
  addresses: number;
  domains: number;
  flags: number;
}

/**
 * A believable registry on an empty database: ~2,000 maintainers mostly on big providers, a long
 * tail of custom domains in every lifecycle stage (as the local protocol server serves them), the
 * flags and unverified addresses a first scan would have produced, and one login per role.
 * Does nothing when any user exists, so a second start adds nothing.
 */
export async function seedDemo(db: Db, options: { now: Date }): Promise<SeedSummary> {
  const [existing] = await db.select({ n: count() }).from(users);
  if ((existing?.n ?? 0) > 0) return { seeded: false, users: 0, addresses: 0, domains: 0, flags: 0 };
  const { now } = options;
  const registry: DemoDomain[] = demoRegistryDomains(now);
  const rng = seededRng(7_2025);
  const demoHash = await hashPassword(DEMO_PASSWORD);
  // Bulk users get a hash of a random password nobody knows: they exist to be scanned, not to log in.
  const lockedHash = await hashPassword(randomBytes(24).toString('base64url'));

  return db.transaction(async (tx) => {
    const people = Array.from({ length: BULK_USERS }, (_, i) => person(rng, i + 1));
    const userRows = await insertChunked(tx, users, [
      ...DEMO_ACCOUNTS.map((a) => ({ username: a.username, name: a.name, role: a.role, passwordHash: demoHash })),
      ...people.map((p) => ({ username: p.username, name: p.name, role: 'user' as const, passwordHash: lockedHash })),
    ]);
    const idOf = new Map(userRows.map((u) => [u.username, u.id]));

    const domainInfo = new Map<string, { stage: Stage; verifiedAt: Date }>();
    const domainRows = registry.map((d) => {
      const c = classifyDemoRecord(d.record, now);
      const checkedAt = new Date(now.getTime() - between(rng, 1, 20) * 3_600_000);
      domainInfo.set(d.name, {
        stage: c.stage,
        verifiedAt: d.record.verifiedAt ? new Date(d.record.verifiedAt) : new Date(now.getTime() - 900 * DAY),
      });
      return {
        name: d.name,
        stage: c.stage,
        stageSince: c.stage === 'active' ? c.registeredAt : new Date(now.getTime() - between(rng, 1, 9) * DAY),
        registeredAt: c.registeredAt,
        handle: c.handle,
        expiresAt: c.expiresAt,
        registrar: c.registrar,
        timeline: c.timeline,
        evidence: c.evidence,
        lastCheckedAt: checkedAt,
        nextCheckAt: nextCheckAt(
          { stage: c.stage, expiresAt: c.expiresAt, now: checkedAt, consecutiveFailures: 0 },
          DEFAULT_POLICY_SETTINGS,
        ),
        observation: { statusWords: d.record.rdap?.statuses ?? [], deletionAt: d.record.rdap?.deletionAt },
      };
    });
    const insertedDomains = await insertChunked(
      tx,
      domains,
      domainRows.map(({ observation: _o, ...row }) => row),
    );
    const domainId = new Map(insertedDomains.map((d) => [d.name, d.id]));
    await insertChunked(
      tx,
      domainObservations,
      domainRows.map((d) => ({
        domainId: domainId.get(d.name)!,
        observedAt: d.lastCheckedAt,
        source: 'rdap' as const,
        statusWords: d.observation.statusWords,
        parsedStage: d.stage,
        handle: d.handle,
        registrar: d.registrar,
        registeredAt: d.registeredAt,
        expiresAt: d.expiresAt,
        deletionAt: d.observation.deletionAt ? new Date(d.observation.deletionAt) : null,
        evidence: d.evidence,
      })),
    );

    const addressRows: (typeof emails.$inferInsert)[] = [];
    const seen = new Set<string>();
    const add = (row: typeof emails.$inferInsert) => {
      if (seen.has(row.address)) return;
      seen.add(row.address);
      addressRows.push(row);
    };
    const verifiedLongAgo = () => new Date(now.getTime() - between(rng, 60, 2_500) * DAY);
    for (const account of DEMO_ACCOUNTS) {
      account.addresses.forEach((address, i) => {
        const domain = address.split('@')[1]!;
        add(
          customOrProvider(idOf.get(account.username)!, address, domain, i === 0, domainInfo, verifiedLongAgo(), now),
        );
      });
    }
    for (const p of people)
      add({
        userId: idOf.get(p.username)!,
        address: `${p.username}@${provider(rng)}`,
        domain: '',
        isPrimary: true,
        verified: true,
        verifiedAt: verifiedLongAgo(),
      });
    // Custom domains: most have one or two maintainers, a few are shared by a whole team.
    for (const d of registry) {
      if (DEMO_ACCOUNTS.some((a) => a.addresses.some((x) => x.endsWith(`@${d.name}`)))) continue;
      const holders = rng() < 0.05 ? between(rng, 8, 40) : rng() < 0.3 ? between(rng, 2, 4) : 1;
      for (let h = 0; h < holders; h += 1) {
        const p = pick(rng, people);
        const local = holders === 1 ? pick(rng, CUSTOM_LOCAL_PARTS) : p.username.replace(/\d+$/, '');
        add(
          customOrProvider(
            idOf.get(p.username)!,
            `${local}@${d.name}`,
            d.name,
            false,
            domainInfo,
            verifiedLongAgo(),
            now,
          ),
        );
      }
    }
    // Every demo address passes the product's own mailbox grammar, as a typed one would: the seed is a
    // boundary too, and the outbox refuses to send to anything else.
    for (const row of addressRows) {
      const checked = normalizeEmailDomain(row.address);
      if (!checked.ok || checked.address !== row.address)
        throw new Error(`demo address ${row.address} is not a valid mailbox`);
      row.domain = checked.registrableDomain;
    }
    const insertedEmails = await insertChunked(tx, emails, addressRows);

    const flagRows = insertedEmails
      .filter((e) => lapsed.has(domainInfo.get(e.domain)?.stage ?? 'active'))
      .map((e) => ({
        emailId: e.id,
        domainId: domainId.get(e.domain)!,
        stage: domainInfo.get(e.domain)!.stage,
        state: 'open' as const,
        createdAt: e.unverifiedAt ?? now,
      }));
    await insertChunked(tx, flags, flagRows);
    await writeDemoAnchor(tx, now);
    await recordAudit(
      tx,
      { type: 'system' },
      {
        action: 'demo.seed',
        targetType: 'database',
        targetId: 'demo',
        details: {
          users: userRows.length,
          addresses: insertedEmails.length,
          domains: insertedDomains.length,
          flags: flagRows.length,
        },
      },
    );
    return {
      seeded: true,
      users: userRows.length,
      addresses: insertedEmails.length,
      domains: insertedDomains.length,
      flags: flagRows.length,
    };
  });
}

function customOrProvider(
  userId: number,
  address: string,
  domain: string,
  isPrimary: boolean,
  info: Map<string, { stage: Stage; verifiedAt: Date }>,
  fallbackVerifiedAt: Date,
  now: Date,
): typeof emails.$inferInsert {
  const d = info.get(domain);
  if (!d) return { userId, address, domain, isPrimary, verified: true, verifiedAt: fallbackVerifiedAt };
  const isLapsed = lapsed.has(d.stage);
  return {
    userId,
    address,
    domain,
    isPrimary,
    verified: !isLapsed,
    verifiedAt: d.verifiedAt,
    unverifyReason: isLapsed ? 'domain_lifecycle' : null,
    unverifiedAt: isLapsed ? new Date(now.getTime() - 2 * DAY) : null,
  };
}

type Insertable = typeof users | typeof domains | typeof emails | typeof flags | typeof domainObservations;

// postgres.js caps a statement at 65k parameters; chunks keep every insert well under it.
async function insertChunked<T extends Insertable>(
  tx: Parameters<Parameters<Db['transaction']>[0]>[0],
  table: T,
  rows: T['$inferInsert'][],
): Promise<T['$inferSelect'][]> {
  const out: T['$inferSelect'][] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    if (chunk.length)
      out.push(
        ...((await tx
          .insert(table)
          .values(chunk as never)
          .returning()) as T['$inferSelect'][]),
      );
  }
  return out;
}
