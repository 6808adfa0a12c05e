import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { expect, type Page, type Response, test } from '@playwright/test';
import { E2E_PORT } from '../playwright.config';
import { AdminShell } from './pages/admin-shell';
import { storageState } from './roles';
import { makeUser, signIn } from './support/fixtures';

// Every page carries a CSP with a fresh nonce (Next.js puts it on its own scripts), and the pages
// still work under it: no console error (a CSP violation is one), and the login form signs in.

/** Console errors, uncaught page errors and CSP violations seen by the page. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return errors;
}

function nonceOf(csp: string): string {
  const match = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp);
  expect(match, `no nonce in ${csp}`).not.toBeNull();
  return match![1]!;
}

async function expectSecurityHeaders(response: Response | null): Promise<string> {
  expect(response, 'no response').not.toBeNull();
  const headers = await response!.allHeaders();
  const csp = headers['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self' 'nonce-");
  expect(csp).toContain("'strict-dynamic'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain('unsafe-eval');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  // Served over plain http://localhost here: no HSTS.
  expect(headers['strict-transport-security']).toBeUndefined();
  return nonceOf(csp);
}

/** Every <script> in the server's HTML carries this response's nonce. */
async function expectScriptsNonced(response: Response, nonce: string) {
  const html = await response.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
}

test("npm start serves on loopback only: reachable as localhost, refused on this machine's other addresses", async ({
  page,
}) => {
  // The browser reached http://localhost:PORT (the baseURL) although the server binds 127.0.0.1.
  expect((await page.goto('/login'))?.status()).toBe(200);
  // The kernel's own table of listening sockets: the web port is bound to 127.0.0.1 and nothing else
  // (0100007F is 127.0.0.1 as /proc/net/tcp writes it; the IPv6 table must not list the port at all).
  const port = E2E_PORT.toString(16).toUpperCase().padStart(4, '0');
  const listening = (file: string) =>
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols[3] === '0A' && cols[1]?.endsWith(`:${port}`))
      .map((cols) => cols[1]);
  expect(listening('/proc/net/tcp')).toEqual([`0100007F:${port}`]);
  expect(fs.existsSync('/proc/net/tcp6') ? listening('/proc/net/tcp6') : []).toEqual([]);
  // And where the machine has another address, a connection to it is refused.
  const outside = Object.values(os.networkInterfaces())
    .flat()
    .find((i) => i && !i.internal && i.family === 'IPv4');
  if (!outside) return;
  const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
    const socket = net.connect({ host: outside.address, port: E2E_PORT });
    socket.once('connect', () => {
      socket.destroy();
      resolve(null);
    });
    socket.once('error', (e) => resolve(e));
  });
  expect(error?.code).toBe('ECONNREFUSED');
});

test.describe('anonymous', () => {
  test('the login page has the headers, a fresh nonce per request on every script, and works', async ({ page }) => {
    const errors = watchErrors(page);
    const first = await page.goto('/login');
    const nonce = await expectSecurityHeaders(first);
    await expectScriptsNonced(first!, nonce);
    const second = await page.goto('/login');
    expect(await expectSecurityHeaders(second)).not.toBe(nonce);
    // Prerendered pages would get no nonce: the reset page must be rendered per request too.
    const reset = await page.goto('/reset-password');
    await expectScriptsNonced(reset!, await expectSecurityHeaders(reset));

    // Through the real form, as an admin of its own.
    await signIn(page, await makeUser('admin'));
    await expect(new AdminShell(page).nav()).toBeVisible();
    expect(errors).toEqual([]);
  });

  test('the redirect of an anonymous visitor carries the headers too', async ({ request }) => {
    const response = await request.get('/account', { maxRedirects: 0 });
    expect(response.status()).toBe(302);
    expect(response.headers().location).toContain('/login?callbackUrl=');
    expect(response.headers()['referrer-policy']).toBe('no-referrer');
  });

  test('an injected inline script without the nonce does not run', async ({ page }) => {
    // Stands in for an XSS: the server's HTML with a <script> an attacker got into it.
    await page.route('**/login', async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace('</body>', '<script>window.__injected = true</script></body>');
      await route.fulfill({ response, body });
    });
    const violations: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
        violations.push(message.text());
    });
    await page.goto('/login');
    await expect(page.getByLabel('Username')).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
    await expect.poll(() => violations.length).toBeGreaterThan(0);
  });
});

test.describe('signed in as a user', () => {
  test.use({ storageState: storageState('user') });

  test('/account has the headers and no console error', async ({ page }) => {
    const errors = watchErrors(page);
    await expectSecurityHeaders(await page.goto('/account'));
    await expect(page.getByTestId('address-row').first()).toBeVisible();
    expect(errors).toEqual([]);
  });
});

test.describe('signed in as staff', () => {
  test.use({ storageState: storageState('staff') });

  test('/admin has the headers and no console error', async ({ page }) => {
    const errors = watchErrors(page);
    await expectSecurityHeaders(await page.goto('/admin'));
    await expect(new AdminShell(page).nav()).toBeVisible();
    await page.goto('/admin/flags');
    await expect(page.getByRole('heading').first()).toBeVisible();
    expect(errors).toEqual([]);
  });
});
