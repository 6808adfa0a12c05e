import { defineConfig, devices } from '@playwright/test';

// E2E against the production build on a fresh embedded database (its own data dir, wiped by
// e2e/global-setup.ts), with Debian's Chromium: browsers cannot be downloaded here.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DATA_DIR = process.env.E2E_DATA_DIR ?? '.data/e2e';
/** Where e2e/registry-integration.spec.ts runs the example registry's webhook receiver. */
export const E2E_WEBHOOK_PORT = E2E_PORT + 50;
const baseURL = `http://localhost:${E2E_PORT}`;
const WHOLE_DATABASE = /(action-refusals-http|dashboard-refusals)\.spec\.ts/;

const chromium = {
  ...devices['Desktop Chrome'],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  },
};

export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: false,
  // Two workers on two cores: every spec makes its own users and domains (e2e/support/fixtures.ts).
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  outputDir: 'test-results',
  use: { baseURL, trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts/, use: chromium },
    // The README's pictures are not tests: `npm run screenshots` (playwright.screenshots.config.ts) takes them.
    // Specs that assert "nothing changed" over the whole database (refused writes) run alone, before
    // the rest: with two workers another spec's own writes would show up in their snapshot.
    { name: 'alone', testMatch: WHOLE_DATABASE, dependencies: ['setup'], workers: 1, use: chromium },
    {
      name: 'chromium',
      testIgnore: [/auth\.setup\.ts/, /dashboard-screenshots\.spec\.ts/, WHOLE_DATABASE],
      dependencies: ['alone'],
      use: chromium,
    },
  ],
  webServer: {
    // exec: the signal Playwright sends at the end reaches start itself, which stops all it started.
    command: `rm -rf ${E2E_DATA_DIR} && exec node --import tsx scripts/start.ts`,
    url: `${baseURL}/login`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    env: {
      GK_DATA_DIR: E2E_DATA_DIR,
      PORT: String(E2E_PORT),
      // The e2e suite always runs on its own embedded database, whatever the shell points at.
      DATABASE_URL: '',
      RDAP_BOOTSTRAP_URL: '',
      // As behind one load balancer: the client is the address it appends to X-Forwarded-For
      // (e2e/recovery-attacks.spec.ts rotates what comes before it).
      TRUSTED_PROXIES: '1',
      // The example registry's webhook receiver on loopback (a development receiver, as an operator
      // would allow one): every other private or loopback target stays refused.
      GK_OUTBOUND_ALLOW: `127.0.0.1:${E2E_WEBHOOK_PORT}`,
    },
  },
});
