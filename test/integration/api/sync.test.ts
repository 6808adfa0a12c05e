import { eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { configureDb } from '@/db/client';
import { apiTokens, auditLog, domains, emails, users } from '@/db/schema';
import { newApiToken } from '@/lib/api-tokens/secret';
import { authenticate } from '@/lib/auth/authenticate';
import { recoveryEligibility } from '@/lib/eligibility/recovery-eligibility';
import { POST } from '@/app/api/v1/accounts:sync/route';
import { setupTestDatabase } from '../../support/test-db';
import { makeAddress, makeUser, unique } from '../account/fixtures';
import { snapshotAll } from '../actions/world';

// POST /api/v1/accounts:sync through the route as Next calls it: the registry's accounts upserted,
// idempotent, all or nothing with a precise error, and never past Gravekeeper's own decisions.

const t = setupTestDatabase();
beforeAll(() => configureDb(t.url));

let bearer = '';
beforeAll(async () => {
  const secret = newApiToken();
  await t.db
    .insert(apiTokens)
    .values({ name: 'registry sync', scopes: ['sync'], tokenHash: secret.hash, prefix: secret.prefix });
  bearer = secret.token;
});

const sync = async (body: unknown, init: { raw?: string; type?: string } = {}) => {
  const response = await POST(
    new Request('http://localhost/api/v1/accounts:sync', {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': init.type ?? 'application/json' },
      body: init.raw ?? JSON.stringify(body),
    }),
  );
  return { status: response.status, body: await response.json() };
};

const addressesOf = async (username: string) =>
  t.db
    .select({
      address: emails.address,
      verified: emails.verified,
      primary: emails.isPrimary,
      reason: emails.unverifyReason,
    })
    .from(emails)
    .innerJoin(users, eq(users.id, emails.userId))
    .where(eq(users.username, username))
    .orderBy(emails.address);

describe('a batch that is right', () => {
  it('creates accounts and addresses, watches new custom domains, and changes nothing the second time', async () => {
    const a = unique('alice');
    const b = unique('bob');
    const domain = `${unique('own')}.dev`;
    const batch = {
      accounts: [
        {
          username: a,
          name: 'Alice',
          addresses: [
            { address: `Alice@${domain.toUpperCase()}`, verified: true, verifiedAt: '2024-05-01T00:00:00Z' },
            { address: `${a}@gmail.com`, verified: true, primary: true },
          ],
        },
        { username: b, addresses: [{ address: `${b}@gmail.com`, verified: false }] },
      ],
    };
    const first = await sync(batch);
    expect(first).toEqual({
      status: 200,
      body: {
        accounts: 2,
        usersCreated: 2,
        usersRenamed: 0,
        addressesAdded: 3,
        addressesChanged: 0,
        addressesRemoved: 0,
      },
    });
    expect(await addressesOf(a)).toEqual([
      { address: `alice@${domain}`, verified: true, primary: false, reason: null },
      { address: `${a}@gmail.com`, verified: true, primary: true, reason: null },
    ]);
    const [watched] = await t.db.select().from(domains).where(eq(domains.name, domain));
    expect(watched?.nextCheckAt).not.toBeNull();
    expect(await t.db.select().from(domains).where(eq(domains.name, 'gmail.com'))).toEqual([]);

    const before = await snapshotAll(t.db, ['public.audit_log']);
    const again = await sync(batch);
    expect(again.body).toMatchObject({ usersCreated: 0, usersRenamed: 0, addressesAdded: 0, addressesChanged: 0 });
    expect(again.body.addressesRemoved).toBe(0);
    expect(await snapshotAll(t.db, ['public.audit_log'])).toEqual(before);
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, 'api.sync'));
    expect(audits.at(-1)).toMatchObject({ actorType: 'api', actorLabel: 'api:registry sync' });
  });

  it('renames, removes what is gone, moves the primary, and unverifies what the registry unverified', async () => {
    const u = unique('carol');
    const one = `${u}.one@gmail.com`;
    const two = `${u}.two@gmail.com`;
    const three = `${u}.three@gmail.com`;
    await sync({
      accounts: [
        {
          username: u,
          name: 'Carol',
          addresses: [
            { address: one, verified: true, primary: true },
            { address: two, verified: true },
            { address: three, verified: true },
          ],
        },
      ],
    });
    const result = await sync({
      accounts: [
        {
          username: u,
          name: 'Carol B.',
          addresses: [
            { address: two, verified: true, primary: true },
            { address: three, verified: false },
          ],
        },
      ],
    });
    expect(result.body).toMatchObject({ usersRenamed: 1, addressesRemoved: 1, addressesChanged: 2, addressesAdded: 0 });
    expect(await addressesOf(u)).toEqual([
      { address: three, verified: false, primary: false, reason: 'user' },
      { address: two, verified: true, primary: true, reason: null },
    ]);
    const [row] = await t.db.select().from(users).where(eq(users.username, u));
    expect(row).toMatchObject({ name: 'Carol B.', synced: true });
  });

  it('never re-verifies an address Gravekeeper unverified because its domain lapsed', async () => {
    const u = unique('dave');
    const lapsed = `dev@${unique('lapsed')}.dev`;
    await sync({ accounts: [{ username: u, addresses: [{ address: lapsed, verified: true }] }] });
    await t.db
      .update(emails)
      .set({ verified: false, unverifyReason: 'domain_lifecycle', unverifiedAt: new Date() })
      .where(eq(emails.address, lapsed));
    const result = await sync({ accounts: [{ username: u, addresses: [{ address: lapsed, verified: true }] }] });
    expect(result.body.addressesChanged).toBe(0);
    expect(await addressesOf(u)).toEqual([
      { address: lapsed, verified: false, primary: true, reason: 'domain_lifecycle' },
    ]);
    expect(await recoveryEligibility(t.db, lapsed, new Date())).toMatchObject({
      eligible: false,
      reason: 'unverified',
    });
  });

  it('an address removed and added again on a domain last seen lapsing is stored unverified, and stays so', async () => {
    // The attack: a stranger re-registers the domain, "verifies" the address at the registry, and the
    // registry's export drops the old row and adds it again as new and verified.
    const u = unique('frank');
    const domain = `${unique('taken')}.dev`;
    const address = `dev@${domain}`;
    await sync({
      accounts: [
        {
          username: u,
          addresses: [
            { address, verified: true },
            { address: `${u}@gmail.com`, verified: true },
          ],
        },
      ],
    });
    await t.db
      .update(domains)
      .set({ stage: 're_registered', lastCheckedAt: new Date() })
      .where(eq(domains.name, domain));
    await sync({ accounts: [{ username: u, addresses: [{ address: `${u}@gmail.com`, verified: true }] }] });
    const readded = await sync({
      accounts: [
        {
          username: u,
          addresses: [
            { address: `${u}@gmail.com`, verified: true },
            { address, verified: true },
          ],
        },
      ],
    });
    expect(readded.body).toMatchObject({ addressesAdded: 1 });
    expect((await addressesOf(u)).find((a) => a.address === address)).toMatchObject({
      verified: false,
      reason: 'domain_lifecycle',
    });
    await sync({
      accounts: [
        {
          username: u,
          addresses: [
            { address: `${u}@gmail.com`, verified: true },
            { address, verified: true },
          ],
        },
      ],
    });
    expect((await addressesOf(u)).find((a) => a.address === address)).toMatchObject({ verified: false });
    expect(await recoveryEligibility(t.db, address, new Date())).toMatchObject({ eligible: false });
  });

  it('a synced account cannot sign in to Gravekeeper', async () => {
    const u = unique('erin');
    await sync({ accounts: [{ username: u, addresses: [{ address: `${u}@gmail.com`, verified: true }] }] });
    for (const password of ['synced', '', 'x'.repeat(12)])
      expect(
        await authenticate(t.db, { username: u, password: password || 'a password', ip: '10.7.0.1' }),
      ).toMatchObject({
        ok: false,
        reason: 'invalid',
      });
  });
});

describe('a batch that is wrong changes nothing and says where', () => {
  const good = () => {
    const u = unique('ok');
    return { username: u, addresses: [{ address: `${u}@gmail.com`, verified: true }] };
  };
  const cases: [string, () => unknown, number, { index: string; field: string; reason: RegExp }][] = [
    [
      'an address the strict grammar refuses',
      () => ({
        accounts: [good(), good(), { username: unique('x'), addresses: [{ address: 'x@@y.org', verified: true }] }],
      }),
      400,
      { index: '2', field: 'addresses[0].address', reason: /not an address we can watch/ },
    ],
    [
      'an address whose domain has no registrable part',
      () => ({ accounts: [{ username: unique('x'), addresses: [{ address: 'root@localhost', verified: true }] }] }),
      400,
      { index: '0', field: 'addresses[0].address', reason: /not an address we can watch/ },
    ],
    [
      'a missing verified flag',
      () => ({ accounts: [good(), { username: unique('x'), addresses: [{ address: 'a@gmail.com' }] }] }),
      400,
      { index: '1', field: 'addresses[0].verified', reason: /true or false/ },
    ],
    [
      'a field we do not know',
      () => ({ accounts: [{ ...good(), password: 'hunter2' }] }),
      400,
      { index: '0', field: 'password', reason: /field we do not know: password/ },
    ],
    [
      'a username twice',
      () => {
        const a = good();
        return { accounts: [a, { ...good(), username: a.username.toUpperCase() }] };
      },
      400,
      { index: '1', field: 'username', reason: /also at accounts\[0\]/ },
    ],
    [
      'an address in two accounts',
      () => {
        const a = good();
        return { accounts: [a, { username: unique('x'), addresses: a.addresses }] };
      },
      400,
      { index: '1', field: 'addresses[0].address', reason: /also listed at accounts\[0\]/ },
    ],
    [
      'two primaries',
      () => ({
        accounts: [
          {
            username: unique('x'),
            addresses: [
              { address: `${unique('p')}@gmail.com`, verified: true, primary: true },
              { address: `${unique('p')}@gmail.com`, verified: true, primary: true },
            ],
          },
        ],
      }),
      400,
      { index: '0', field: 'addresses', reason: /more than one address primary/ },
    ],
    [
      'more than 10,000 accounts',
      () => ({ accounts: Array.from({ length: 10_001 }, (_, i) => ({ username: `bulk${i}`, addresses: [] })) }),
      400,
      { index: '', field: 'accounts', reason: /at most 10,000/ },
    ],
  ];
  for (const [name, batch, status, fields] of cases)
    it(name, async () => {
      const before = await snapshotAll(t.db);
      const result = await sync(batch());
      expect(result.status).toBe(status);
      expect(result.body).toMatchObject({ ok: false, code: 'invalid_input' });
      expect(result.body.fields).toMatchObject({ index: fields.index, field: fields.field });
      expect(result.body.fields.reason).toMatch(fields.reason);
      expect(result.body.message).toMatch(/Nothing was changed\.$/);
      expect(await snapshotAll(t.db)).toEqual(before);
    });

  it('a username of an account made in Gravekeeper (an admin): 409, nothing changed', async () => {
    const admin = await makeUser(t.db, 'admin');
    const before = await snapshotAll(t.db);
    const result = await sync({ accounts: [good(), { username: admin.username, addresses: [] }] });
    expect(result.status).toBe(409);
    expect(result.body.fields).toMatchObject({ index: '1', field: 'username' });
    expect(await snapshotAll(t.db)).toEqual(before);
  });

  it('an address of an account outside the batch: 409, nothing changed', async () => {
    const owner = await makeUser(t.db);
    const theirs = `${unique('theirs')}@gmail.com`;
    await makeAddress(t.db, owner.id, theirs, { primary: true });
    const before = await snapshotAll(t.db);
    const u = unique('taker');
    const result = await sync({
      accounts: [
        good(),
        {
          username: u,
          addresses: [
            { address: `${u}@gmail.com`, verified: true },
            { address: theirs.toUpperCase(), verified: true },
          ],
        },
      ],
    });
    expect(result.status).toBe(409);
    expect(result.body.fields).toMatchObject({ index: '1', field: 'addresses[1].address' });
    expect(await snapshotAll(t.db)).toEqual(before);
  });

  it('a body that is not JSON, or not sent as JSON: 400 in words', async () => {
    expect(await sync(null, { raw: '{"accounts": [' })).toMatchObject({
      status: 400,
      body: { message: 'The body is not valid JSON.' },
    });
    expect((await sync(null, { raw: 'accounts=1', type: 'application/x-www-form-urlencoded' })).status).toBe(400);
    const users0 = await t.db.$count(users, inArray(users.username, ['bulk0', 'bulk1']));
    expect(users0).toBe(0);
  });
});
