import { randomBytes } from 'node:crypto';
import { count } from 'drizzle-orm';
import type { Db } from '@/db/connect';
import { domains, emails, flags, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { hashPassword } from '@/lib/auth/password';
import { SECOND_FACTOR_ROLES } from '@/lib/auth/permissions';
import { seal } from '@/lib/auth/secret-box';
import { normalizeEmailDomain } from '@/lib/domains/normalize';
import { demoRegistryDomains, writeDemoAnchor } from '@/dev/demo/registry';
import type { DemoDomain } from '@/dev/peers/protocol-server/dataset';
import { between, pick, seededRng } from '@/dev/peers/protocol-server/random';
import { classifyDemoRecord } from './classify-record';
import { type DomainHistory, REVERIFIED_AFTER_MS, simulateHistory } from './history';
import { domainEras } from './history-eras';
import { writeHistory } from './history-write';
import { insertChunked } from './insert-chunked';
import { type LookalikeSeedSummary, seedDemoLookalikes } from './lookalikes';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET } from './demo-accounts';
import { CUSTOM_LOCAL_PARTS, person, provider } from './people';

const DAY = 86_400_000;
const BULK_USERS = 2_000;

export interface SeedSummary {
  seeded: boolean;
  users: number;
  addresses: number;
  domains: number;
  flags: number;
  /** The look-alike watch of the demo registry's own domain (dev/demo/seed/lookalikes.ts). */
  lookalikes: LookalikeSeedSummary | null;
}

/**
 * A believable registry on an empty database: ~2,000 maintainers mostly on big providers, a long
 * tail of custom domains in every lifecycle stage (as the local protocol server serves them), and
 * the months of scans that brought them there: each check an observation, each lapse seen the day
 * it began, each flag opened by the scan that saw it (history.ts); and one login per role.
 * Does nothing when any user exists, so a second start adds nothing.
 */
export async function seedDemo(db: Db, options: { now: Date }): Promise<SeedSummary> {
  const [existing] = await db.select({ n: count() }).from(users);
  if ((existing?.n ?? 0) > 0) return { seeded: false, users: 0, addresses: 0, domains: 0, flags: 0, lookalikes: null };
  const { now } = options;
  const registry: DemoDomain[] = demoRegistryDomains(now);
  const rng = seededRng(7_2025);
  const demoHash = await hashPassword(DEMO_PASSWORD);
  // Bulk users get a hash of a random password nobody knows: they exist to be scanned, not to log in.
  const lockedHash = await hashPassword(randomBytes(24).toString('base64url'));

  const summary = await db.transaction(async (tx) => {
    const people = Array.from({ length: BULK_USERS }, (_, i) => person(rng, i + 1));
    const userRows = await insertChunked(tx, users, [
      ...DEMO_ACCOUNTS.map((a) => ({
        username: a.username,
        name: a.name,
        role: a.role,
        passwordHash: demoHash,
        // Staff and admin are enrolled in 2FA already, with the published demo key.
        ...(SECOND_FACTOR_ROLES.includes(a.role) ? { totpEnabled: true, totpSecretEnc: seal(DEMO_TOTP_SECRET) } : {}),
      })),
      ...people.map((p) => ({ username: p.username, name: p.name, role: 'user' as const, passwordHash: lockedHash })),
    ]);
    const idOf = new Map(userRows.map((u) => [u.username, u.id]));

    // Each domain's past (dev/demo/seed/history.ts): the checks of the scans since the registry
    // started watching, ending in the stage the classifier gives today's record.
    const classified = registry.map((d) => ({ d, c: classifyDemoRecord(d.record, now) }));
    const verifiedAtOf = (d: DemoDomain) =>
      d.record.verifiedAt ? new Date(d.record.verifiedAt) : new Date(now.getTime() - 900 * DAY);
    const past = simulateHistory(
      classified.map(({ d, c }) => ({
        name: d.name,
        eras: domainEras(d, c, now),
        verifiedAt: verifiedAtOf(d).getTime(),
        stage: c.stage,
        expiresAt: c.expiresAt,
      })),
      now,
    );
    const domainInfo = new Map<string, DomainInfo>();
    const insertedDomains = await insertChunked(
      tx,
      domains,
      classified.map(({ d, c }) => {
        const history = past.byDomain.get(d.name)!;
        domainInfo.set(d.name, { verifiedAt: verifiedAtOf(d), history });
        return {
          name: d.name,
          stage: c.stage,
          stageSince: history.stageSince,
          registeredAt: c.registeredAt,
          handle: c.handle,
          expiresAt: c.expiresAt,
          registrar: c.registrar,
          timeline: c.timeline,
          evidence: c.evidence,
          lastCheckedAt: history.lastCheckedAt,
          nextCheckAt: history.nextCheckAt,
          // Watched from the first check: the address's verification put it under watch.
          createdAt: history.checks[0]!.at,
        };
      }),
    );
    const domainId = new Map(insertedDomains.map((d) => [d.name, d.id]));

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
        add(customOrProvider(idOf.get(account.username)!, address, domain, i === 0, domainInfo, verifiedLongAgo()));
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
          customOrProvider(idOf.get(p.username)!, `${local}@${d.name}`, d.name, false, domainInfo, verifiedLongAgo()),
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

    const scanIds = await writeHistory(tx, past, domainId, classified, insertedEmails);
    const flagRows = insertedEmails.flatMap((e) => {
      const flag = domainInfo.get(e.domain)?.history.flag;
      if (!flag) return [];
      return [
        {
          emailId: e.id,
          domainId: domainId.get(e.domain)!,
          scanId: scanIds[flag.check.scan]!,
          stage: flag.stage,
          state: flag.resolvedBy ? ('resolved' as const) : ('open' as const),
          createdAt: flag.check.at,
          resolvedAt: flag.resolvedBy?.at ?? null,
          resolution: flag.resolvedBy ? 'renewed' : null,
        },
      ];
    });
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
  // After the commit: its scans run through the product's scan runner, which opens transactions of
  // its own. It checks for itself whether a watch exists, so it is never replayed twice.
  return { ...summary, lookalikes: await seedDemoLookalikes(db, { now }) };
}

interface DomainInfo {
  verifiedAt: Date;
  history: DomainHistory;
}

/**
 * An address row: at a big provider, verified long ago; at a watched domain, as that domain's past
 * left it (unverified by the check that opened its flag, or verified again after a restore).
 */
function customOrProvider(
  userId: number,
  address: string,
  domain: string,
  isPrimary: boolean,
  info: Map<string, DomainInfo>,
  fallbackVerifiedAt: Date,
): typeof emails.$inferInsert {
  const d = info.get(domain);
  if (!d) return { userId, address, domain, isPrimary, verified: true, verifiedAt: fallbackVerifiedAt };
  const flag = d.history.flag;
  if (flag?.resolvedBy) {
    const verifiedAt = new Date(flag.resolvedBy.at.getTime() + REVERIFIED_AFTER_MS);
    return { userId, address, domain, isPrimary, verified: true, verifiedAt };
  }
  return {
    userId,
    address,
    domain,
    isPrimary,
    verified: !flag,
    verifiedAt: d.verifiedAt,
    unverifyReason: flag ? 'domain_lifecycle' : null,
    unverifiedAt: flag ? flag.check.at : null,
  };
}
