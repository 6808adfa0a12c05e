import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// `npm run screenshots`: the README's pictures (e2e/dashboard-screenshots.spec.ts) on the same fresh
// e2e server as the tests, after the same sign-ins. Kept out of playwright.config.ts, whose projects
// never match that spec, so `npm test` does not write docs/screenshots.
const [setup, chromium] = base.projects ?? [];

export default defineConfig({
  ...base,
  projects: [
    setup!,
    { name: 'screenshots', testMatch: /dashboard-screenshots\.spec\.ts/, dependencies: ['setup'], use: chromium!.use },
  ],
});
