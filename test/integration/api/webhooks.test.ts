import { createHmac } from 'node:crypto';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { configureDb } from '@/db/client';
import { domains, webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { WEBHOOK_EVENTS } from '@/db/schema/enums';
import description from '@/lib/api/openapi.json';
import { recordAudit } from '@/lib/audit/record';
import { runAction } from '@/lib/auth/action';
import { createOutboundAgent } from '@/lib/domains/outbound-agent';
import { OutboundPolicy } from '@/lib/domains/outbound-policy';
import { runWebhooksOnce } from '@/lib/webhooks/deliver';
import { createWebhookEndpoint } from '@/lib/webhooks/manage';
import { verifyWebhookSignature } from '@/lib/webhooks/signature';
import {
  createWebhookAction,
  removeWebhookAction,
  replayWebhookAction,
} from '@/app/(admin)/admin/settings/webhooks/actions';
import { setupTestDatabase } from '../../support/test-db';
import { makeDomain, makeUser, signedIn, unique } from '../account/fixtures';
import { snapshotAll } from '../actions/world';

// Webhooks end to end on real PostgreSQL and a real receiving HTTP server on loopback: events written
// by the database with the change, signed deliveries, retries with backoff, failure and replay, the
// outbound rules at registration and at delivery, and a removed endpoint hearing nothing more.
vi.mock('@/lib/auth/session', () => ({ currentActor: vi.fn(async () => null) }));
vi.mock('@/lib/auth', () => import('../../support/stubs/lib-auth'));
vi.mock('next-auth', () => import('../../support/stubs/next-auth'));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const t = setupTestDatabase();
beforeAll(() => configureDb(t.url));

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}
const received: Received[] = [];
/** What the receiver answers next (then 200). */
const answers: number[] = [];
const receiver = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => {
    body += c;
  });
  req.on('end', () => {
    received.push({ headers: req.headers, body });
    res.writeHead(answers.shift() ?? 200).end('ok');
  });
});
let port = 0;
let agent: ReturnType<typeof createOutboundAgent>;
beforeAll(async () => {
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  port = (receiver.address() as AddressInfo).port;
  // The deployment allows this one receiver (as GK_OUTBOUND_ALLOW would); nothing else on loopback.
  agent = createOutboundAgent(new OutboundPolicy([`127.0.0.1:${port}`]));
});
afterAll(async () => {
  await agent.close();
  await new Promise((r) => receiver.close(r));
});

// Each test hears only its own endpoint: every domain change is an event for every subscribed endpoint.
beforeEach(async () => {
  await t.db.update(webhookEndpoints).set({ removedAt: new Date() });
  await t.db.update(webhookDeliveries).set({ state: 'failed' }).where(eq(webhookDeliveries.state, 'queued'));
  received.length = 0;
  answers.length = 0;
});

const admin = async () => signedIn(t.db, await makeUser(t.db, 'admin'));
async function endpoint(events: string[], url = `http://127.0.0.1:${port}/hook`) {
  const actor = await admin();
  return t.db.transaction((tx) =>
    createWebhookEndpoint({ ctx: { tx, actor, now: new Date() }, input: { url, events: events as never } }),
  );
}
const deliveriesOf = (endpointId: number) =>
  t.db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.endpointId, endpointId))
    .orderBy(webhookDeliveries.id);
const run = (now = new Date(), options = {}) => runWebhooksOnce(t.db, agent, now, options);

describe('events, written with the change', () => {
  it('a domain stage change and a resolved flag are delivered, signed; an event not subscribed to is not', async () => {
    const hook = await endpoint(['domain.stage_changed', 'flag.resolved']);
    const domain = await makeDomain(t.db, `${unique('w')}.dev`, 'active');
    await t.db.update(domains).set({ stage: 'grace' }).where(eq(domains.id, domain.id));
    await t.db.update(domains).set({ stage: 'grace' }).where(eq(domains.id, domain.id)); // no change: no event
    await t.db.transaction(async (tx) => {
      await recordAudit(
        tx,
        { type: 'system' },
        { action: 'flag.resolve', targetType: 'flag', targetId: 7, details: { domain: domain.name } },
      );
      await recordAudit(tx, { type: 'system' }, { action: 'flag.open', targetType: 'flag', targetId: 8, details: {} });
    });
    const queued = await deliveriesOf(hook.id);
    expect(queued.map((d) => [d.event, d.state])).toEqual([
      ['domain.stage_changed', 'queued'],
      ['flag.resolved', 'queued'],
    ]);

    received.length = 0;
    expect(await run()).toMatchObject({ delivered: 2 });
    expect(received).toHaveLength(2);
    const stage = received.find((r) => r.headers['gravekeeper-event'] === 'domain.stage_changed')!;
    const body = JSON.parse(stage.body);
    expect(body).toMatchObject({
      id: queued[0]!.eventId,
      event: 'domain.stage_changed',
      data: { domain: domain.name, from: 'active', to: 'grace' },
    });
    expect(stage.headers['gravekeeper-delivery']).toBe(queued[0]!.eventId);
    // As the OpenAPI file's `webhooks` section documents it.
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    const documented = ajv.compile(description.components.schemas.WebhookDelivery);
    for (const r of received) expect(documented(JSON.parse(r.body)), JSON.stringify(documented.errors)).toBe(true);
    expect(Object.keys(description.webhooks).sort()).toEqual([...WEBHOOK_EVENTS].sort());
    const signature = String(stage.headers['gravekeeper-signature']);
    expect(verifyWebhookSignature(hook.secret, signature, stage.body)).toBe(true);
    // Independently of our own verifier: HMAC-SHA256 over "<t>.<body>".
    const [, ts, mac] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature)!;
    expect(createHmac('sha256', hook.secret).update(`${ts}.${stage.body}`).digest('hex')).toBe(mac);
    expect(verifyWebhookSignature('whsec_another', signature, stage.body)).toBe(false);
    expect(verifyWebhookSignature(hook.secret, signature, `${stage.body} `)).toBe(false);
    expect((await deliveriesOf(hook.id)).every((d) => d.state === 'delivered' && d.lastStatus === 200)).toBe(true);
  });
});

describe('lookalike.registered', () => {
  it('follows its audit row (a scan saw a look-alike registered) and matches the documented body', async () => {
    const hook = await endpoint(['lookalike.registered']);
    const details = { domain: 'pypj.org', unicode: 'pypj.org', registrar: 'NameCheap, Inc.', mx: ['mx.pypj.org'] };
    await t.db.transaction((tx) =>
      recordAudit(
        tx,
        { type: 'job', name: 'scan' },
        { action: 'lookalike.registered', targetType: 'domain', targetId: 'pypj.org', details },
      ),
    );
    expect((await deliveriesOf(hook.id)).map((d) => d.event)).toEqual(['lookalike.registered']);
    expect(await run()).toMatchObject({ delivered: 1 });
    const body = JSON.parse(received[0]!.body);
    expect(body).toMatchObject({
      event: 'lookalike.registered',
      data: { ...details, targetType: 'domain', by: 'job:scan' },
    });
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    const documented = ajv.compile(description.components.schemas.WebhookDelivery);
    expect(documented(body), JSON.stringify(documented.errors)).toBe(true);
  });
});

describe('lookalike.dns_appeared', () => {
  it('follows its audit row (mail servers appeared on a look-alike), only to endpoints that asked for it', async () => {
    const hook = await endpoint(['lookalike.dns_appeared']);
    const registeredOnly = await endpoint(['lookalike.registered']);
    const details = { event: 'mx', domain: 'pypj.org', unicode: 'pypj.org', hasMx: true, mx: ['mx.pypj.org'] };
    await t.db.transaction((tx) =>
      recordAudit(
        tx,
        { type: 'job', name: 'scan' },
        { action: 'lookalike.dns_appeared', targetType: 'domain', targetId: 'pypj.org', details },
      ),
    );
    expect((await deliveriesOf(hook.id)).map((d) => d.event)).toEqual(['lookalike.dns_appeared']);
    expect(await deliveriesOf(registeredOnly.id)).toEqual([]);
    expect(await run()).toMatchObject({ delivered: 1 });
    const body = JSON.parse(received.at(-1)!.body);
    expect(body).toMatchObject({ event: 'lookalike.dns_appeared', data: { ...details, targetType: 'domain' } });
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    const documented = ajv.compile(description.components.schemas.WebhookDelivery);
    expect(documented(body), JSON.stringify(documented.errors)).toBe(true);
  });
});

describe('retries, failure and replay', () => {
  it('retries a 500 after the backoff, then delivers', async () => {
    const hook = await endpoint(['domain.stage_changed']);
    const domain = await makeDomain(t.db, `${unique('r')}.dev`, 'active');
    await t.db.update(domains).set({ stage: 'expiring' }).where(eq(domains.id, domain.id));
    answers.push(500);
    const now = new Date();
    expect(await run(now)).toMatchObject({ retrying: 1 });
    const [first] = await deliveriesOf(hook.id);
    expect(first).toMatchObject({ state: 'queued', attempts: 1, lastStatus: 500, lastError: 'answered 500' });
    expect(first!.nextAttemptAt.getTime()).toBe(now.getTime() + 60_000);
    expect(await run(new Date(now.getTime() + 30_000))).toMatchObject({ claimed: 0 });
    expect(await run(new Date(now.getTime() + 61_000))).toMatchObject({ delivered: 1 });
    expect((await deliveriesOf(hook.id))[0]).toMatchObject({ state: 'delivered', attempts: 2 });
  });

  it('fails after the last attempt; staff replay it with the same event id', async () => {
    const hook = await endpoint(['domain.stage_changed']);
    const domain = await makeDomain(t.db, `${unique('f')}.dev`, 'active');
    await t.db.update(domains).set({ stage: 'redemption' }).where(eq(domains.id, domain.id));
    answers.push(503, 503);
    const now = new Date();
    await run(now, { maxAttempts: 2 });
    expect(await run(new Date(now.getTime() + 61_000), { maxAttempts: 2 })).toMatchObject({ failed: 1 });
    const [failed] = await deliveriesOf(hook.id);
    expect(failed).toMatchObject({ state: 'failed', attempts: 2, lastStatus: 503 });

    const replayed = await runAction(replayWebhookAction.definition, await admin(), { id: failed!.id }, t.db);
    expect(replayed).toMatchObject({ ok: true });
    received.length = 0;
    expect(await run()).toMatchObject({ delivered: 1 });
    expect(received[0]!.headers['gravekeeper-delivery']).toBe(failed!.eventId);
    const again = await runAction(replayWebhookAction.definition, await admin(), { id: failed!.id }, t.db);
    expect(again).toMatchObject({ ok: false, code: 'conflict' });
  });
});

describe('the outbound rules', () => {
  it('refuses to register a loopback, private or plain-http target, in words, changing nothing', async () => {
    const actor = await admin();
    const before = await snapshotAll(t.db);
    for (const [url, words] of [
      ['https://127.0.0.1/hook', /loopback/],
      ['https://10.1.2.3/hook', /private/],
      ['http://hooks.registry.example/hook', /https/],
      ['https://user:pw@hooks.registry.example/hook', /credentials/],
    ] as const) {
      const result = await runAction(createWebhookAction.definition, actor, { url, events: ['flag.resolved'] }, t.db);
      expect(result, url).toMatchObject({ ok: false, code: 'invalid_input' });
      if (!result.ok) expect(result.message).toMatch(words);
    }
    expect(await snapshotAll(t.db)).toEqual(before);
  });

  it('refuses at delivery a name that resolves to loopback (the rules hold after registration too)', async () => {
    const hook = await endpoint(['domain.stage_changed'], `http://localhost:${port}/hook`);
    const domain = await makeDomain(t.db, `${unique('l')}.dev`, 'active');
    await t.db.update(domains).set({ stage: 'grace' }).where(eq(domains.id, domain.id));
    received.length = 0;
    expect(await run()).toMatchObject({ retrying: 1 });
    expect(received).toHaveLength(0);
    expect((await deliveriesOf(hook.id))[0]!.lastError).toMatch(/loopback address; refused/);
  });

  it('a removed endpoint hears nothing more, and its queued deliveries fail', async () => {
    const hook = await endpoint(['domain.stage_changed']);
    const domain = await makeDomain(t.db, `${unique('x')}.dev`, 'active');
    await t.db.update(domains).set({ stage: 'grace' }).where(eq(domains.id, domain.id));
    expect(await runAction(removeWebhookAction.definition, await admin(), { id: hook.id }, t.db)).toMatchObject({
      ok: true,
    });
    await t.db.update(domains).set({ stage: 'redemption' }).where(eq(domains.id, domain.id));
    expect((await deliveriesOf(hook.id)).map((d) => [d.state, d.lastError])).toEqual([
      ['failed', 'the endpoint was removed'],
    ]);
  });
});
