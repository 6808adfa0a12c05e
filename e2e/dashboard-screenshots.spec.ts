import { expect, test } from '@playwright/test';
import { storageState } from './roles';
import { screenshot } from './support/a11y';

// The README's overview picture, taken after the other dashboard specs ran scans, so it shows them.
test.use({ storageState: storageState('staff') });

test('overview for the README', async ({ page }, testInfo) => {
  await page.goto('/admin');
  await expect(page.getByRole('heading', { name: 'Last scans' })).toBeVisible();
  await screenshot(page, testInfo, 'overview', true);
});
