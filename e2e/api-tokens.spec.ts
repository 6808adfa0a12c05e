import { expect, request as playwrightRequest, test } from '@playwright/test';
import { E2E_PORT } from '../playwright.config';
import { storageState } from './roles';
import { newApiToken } from '@/lib/api-tokens/secret';
import { expectAccessible } from './support/a11y';
import { e2eSql } from './support/db';
import { makeUser, uniqueTag } from './support/fixtures';
import { clickHydrated } from './support/hydration';

// An admin creates an integration API token on /admin/settings/api, sees it once, the registry's
// reset flow uses it against GET /api/v1/recovery-eligibility, and the admin revokes it: the next
// call is refused; and a registry's sync over HTTP. The tokens and the users are this spec's own.

test.use({ storageState: storageState('admin') });

test('create a token, use it for an eligibility check, revoke it', async ({ page }, testInfo) => {
  const address = `${uniqueTag('maint')}@gmail.com`;
  await makeUser('user', { addresses: [address] });
  const name = `reset flow ${uniqueTag('t')}`;

  await page.goto('/admin/settings/api');
  await expect(page.getByRole('heading', { name: 'API tokens' })).toBeVisible();
  await expectAccessible(page, testInfo, 'api tokens');
  await page.getByLabel('Name (the system that will use it)').fill(name);
  await clickHydrated(page.getByRole('button', { name: 'Create token' }));
  await expect(page.getByRole('status').filter({ hasText: 'it is not shown again' })).toBeVisible();
  const token = await page.getByLabel(`The new token for “${name}”`).inputValue();
  expect(token).toMatch(/^gk_[A-Za-z0-9_-]{43}$/);
  const row = page.getByRole('table', { name: 'API tokens' }).getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('eligibility');
  await expect(row).toContainText('in force');
  await expect(row).not.toContainText(token.slice(12));

  // The registry's side: a plain HTTP client with the bearer token, no session.
  const registry = await playwrightRequest.newContext({ baseURL: `http://localhost:${E2E_PORT}` });
  try {
    const ask = () =>
      registry.get(`/api/v1/recovery-eligibility?address=${encodeURIComponent(address)}`, {
        headers: { authorization: `Bearer ${token}` },
      });
    const allowed = await ask();
    expect(allowed.status()).toBe(200);
    expect(await allowed.json()).toMatchObject({ address, eligible: true, reason: 'eligible' });

    await clickHydrated(row.getByRole('button', { name: `Revoke ${name}` }));
    await expect(page.getByRole('status').filter({ hasText: `Revoked “${name}”` })).toBeVisible();
    await expect(row).toContainText('revoked');
    const refused = await ask();
    expect(refused.status()).toBe(401);
    expect((await refused.json()).message).toContain('valid API token');
  } finally {
    await registry.dispose();
  }
});

test('a token needs a name and a scope, said in words', async ({ page }) => {
  await page.goto('/admin/settings/api');
  await page.getByLabel('Name (the system that will use it)').fill('no scopes');
  await page.getByRole('checkbox', { name: /eligibility/ }).uncheck();
  await clickHydrated(page.getByRole('button', { name: 'Create token' }));
  await expect(page.getByRole('alert').filter({ hasText: 'Pick at least one scope.' })).toBeVisible();
});

test('a registry syncs its accounts over HTTP and asks eligibility for them (the production build)', async () => {
  const sql = e2eSql();
  const secret = newApiToken();
  await sql`insert into api_tokens (name, scopes, token_hash, prefix)
    values (${uniqueTag('registry')}, ${['sync', 'eligibility']}, ${secret.hash}, ${secret.prefix})`;
  await sql.end();
  const registry = await playwrightRequest.newContext({
    baseURL: `http://localhost:${E2E_PORT}`,
    extraHTTPHeaders: { authorization: `Bearer ${secret.token}` },
  });
  try {
    const username = uniqueTag('synced');
    const address = `${username}@gmail.com`;
    const batch = { accounts: [{ username, addresses: [{ address, verified: true }] }] };
    const synced = await registry.post('/api/v1/accounts:sync', { data: batch });
    expect(synced.status()).toBe(200);
    expect(await synced.json()).toMatchObject({ usersCreated: 1, addressesAdded: 1 });
    expect(await (await registry.post('/api/v1/accounts:sync', { data: batch })).json()).toMatchObject({
      usersCreated: 0,
      addressesAdded: 0,
    });
    const bad = await registry.post('/api/v1/accounts:sync', {
      data: { accounts: [{ username, addresses: [{ address: 'no-at-sign', verified: true }] }] },
    });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).fields).toMatchObject({ index: '0', field: 'addresses[0].address' });
    const answer = await registry.get(`/api/v1/recovery-eligibility?address=${encodeURIComponent(address)}`);
    expect(await answer.json()).toMatchObject({ address, eligible: true });
    const description = await (await registry.get('/api/v1/openapi.json')).json();
    expect(Object.keys(description.paths)).toContain('/api/v1/accounts:sync');
  } finally {
    await registry.dispose();
  }
});
