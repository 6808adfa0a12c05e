import { expect, type Page } from '@playwright/test';

export class AdminShell {
  constructor(readonly page: Page) {}

  nav() {
    return this.page.getByRole('navigation', { name: 'Staff' });
  }

  async navLabels(): Promise<string[]> {
    return (await this.nav().getByRole('link').allTextContents()).map((t) => t.trim());
  }

  async expectForbidden() {
    await expect(this.page.getByRole('heading', { name: /403/ })).toBeVisible();
  }

  stat(label: string) {
    return this.page.getByRole('region', { name: label, exact: true }).locator('[data-stat-value]');
  }
}
