import { expect, type Page } from '@playwright/test';

export class FlagsPage {
  constructor(readonly page: Page) {}

  async goto(query = '') {
    await this.page.goto(`/admin/flags${query ? `?${query}` : ''}`);
    await expect(this.page.getByRole('heading', { name: 'Flagged emails' })).toBeVisible();
    // Controls work once React has hydrated them.
    await this.page.waitForLoadState('networkidle');
  }

  rows() {
    return this.page.getByTestId('flag-row');
  }

  row(address: string) {
    return this.rows().filter({ hasText: address });
  }

  async select(address: string) {
    await this.page.getByRole('checkbox', { name: `Select the flag on ${address}` }).check();
  }

  bulk() {
    return this.page.getByRole('region', { name: 'Bulk actions' });
  }

  async filter(fields: { state?: string; stage?: string; domain?: string; user?: string; q?: string }) {
    const form = this.page.getByRole('search', { name: 'Filter flags' });
    if (fields.state !== undefined) await form.getByLabel('State').selectOption(fields.state);
    if (fields.stage !== undefined) await form.getByLabel('Stage at flag time').selectOption(fields.stage);
    if (fields.domain !== undefined) await form.getByLabel('Domain').fill(fields.domain);
    if (fields.user !== undefined) await form.getByLabel('Username').fill(fields.user);
    if (fields.q !== undefined) await form.getByLabel('Search address or username').fill(fields.q);
    await form.getByRole('button', { name: 'Apply filters' }).click();
  }

  status() {
    return this.page.getByRole('status').filter({ hasNotText: /^$/ });
  }

  async expectMessage(text: string | RegExp) {
    await expect(this.page.locator('[role=status], [role=alert]').filter({ hasText: text }).first()).toBeVisible();
  }
}
