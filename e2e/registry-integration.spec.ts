import { expect, test } from '@playwright/test';
import { newApiToken } from '@/lib/api-tokens/secret';
// The example a registry copies (examples/registry-client), run here against the production build.
import { mayReceiveReset, startWebhookReceiver, syncAccounts } from '../examples/registry-client/client.mjs';
import { E2E_PORT, E2E_WEBHOOK_PORT } from '../playwright.config';
import { storageState } from './roles';
import { expectAccessible } from './support/a11y';
import { e2eSql } from './support/db';
import { scanUser, uniqueDomain, uniqueTag } from './support/fixtures';
import { clickHydrated } from './support/hydration';
import { setScenario } from './support/services';

// The three calls a registry makes, through examples/registry-client against the real server: an
// admin registers the registry's webhook receiver on the page; the registry syncs an account whose
// own domain is in grace; a scan finds it; the receiver gets the signed domain.stage_changed event;
// and the reset-flow call says to send nothing there (and yes to the account's gmail address).

test.use({ storageState: storageState('admin') });
test.describe.configure({ timeout: 120_000 });

test('sync, webhook and eligibility, as the example registry client does them', async ({ page }, testInfo) => {
  const base = `http://localhost:${E2E_PORT}`;
  const events: { id: string; event: string; data: Record<string, unknown> }[] = [];

  await page.goto('/admin/settings/webhooks');
  await expectAccessible(page, testInfo, 'webhooks');
  await page.getByLabel('URL (https)').fill(`http://127.0.0.1:${E2E_WEBHOOK_PORT}/hooks/gravekeeper`);
  for (const event of ['address.unverified', 'address.flagged', 'flag.resolved'])
    await page.getByRole('checkbox', { name: new RegExp(event.replace('.', '\\.')) }).uncheck();
  await clickHydrated(page.getByRole('button', { name: 'Register endpoint' }));
  await expect(page.getByRole('status').filter({ hasText: 'not shown again' })).toBeVisible();
  const secret = await page.getByLabel(/The signing secret for/).inputValue();
  expect(secret).toMatch(/^whsec_/);
  const receiver = await startWebhookReceiver({
    port: E2E_WEBHOOK_PORT,
    secret,
    onEvent: (event: (typeof events)[number]) => {
      events.push(event);
    },
  });

  try {
    const sql = e2eSql();
    const token = newApiToken();
    await sql`insert into api_tokens (name, scopes, token_hash, prefix)
      values (${uniqueTag('example')}, ${['sync', 'eligibility']}, ${token.hash}, ${token.prefix})`;
    await sql.end();
    const domain = uniqueDomain('registry-grace');
    await setScenario(domain, 'grace');
    const username = uniqueTag('registry-user');
    const own = `dev@${domain}`;
    const gmail = `${username}@gmail.com`;
    const totals = await syncAccounts(base, token.token, [
      {
        username,
        addresses: [
          { address: own, verified: true },
          { address: gmail, verified: true, primary: true },
        ],
      },
    ]);
    expect(totals).toMatchObject({ usersCreated: 1, addressesAdded: 2 });
    // Not checked yet: nothing goes to a custom domain nobody has looked at.
    expect(await mayReceiveReset(base, token.token, own)).toMatchObject({
      eligible: false,
      reason: 'domain_not_watched',
    });

    await scanUser(username);
    await expect
      .poll(() => events.find((e) => e.data.domain === domain)?.data, { timeout: 60_000 })
      .toMatchObject({ domain, to: 'grace' });
    expect(await mayReceiveReset(base, token.token, own)).toMatchObject({ eligible: false, reason: 'domain_lapsing' });
    expect(await mayReceiveReset(base, token.token, gmail)).toMatchObject({ eligible: true });

    await page.reload();
    const log = page.getByRole('table', { name: 'Webhook deliveries' });
    await expect(log.getByRole('row', { name: /domain\.stage_changed/ }).first()).toContainText('delivered');
    await expectAccessible(page, testInfo, 'webhooks with deliveries');
  } finally {
    await new Promise((r) => receiver.close(r));
  }
});
