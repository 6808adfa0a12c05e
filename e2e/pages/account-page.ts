import { expect, type Page } from '@playwright/test';

export class AccountPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto('/account');
  }

  row(address: string) {
    return this.page.getByTestId('address-row').filter({ hasText: address });
  }

  banner() {
    return this.page.getByRole('alert').filter({ hasText: 'Your account may be at risk' });
  }

  async addAddress(address: string) {
    await this.page.getByLabel('Add a backup address').fill(address);
    await this.page.getByRole('button', { name: 'Add address' }).click();
  }

  async rowAction(address: string, name: string | RegExp) {
    await this.row(address).getByRole('button', { name }).click();
  }

  async expectMessage(text: string | RegExp) {
    await expect(
      this.page.getByRole('status').or(this.page.getByRole('alert')).filter({ hasText: text }).first(),
    ).toBeVisible();
  }
}
