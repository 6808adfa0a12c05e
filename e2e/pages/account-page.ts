import { expect, type Page } from '@playwright/test';

export function addressRow(page: Page, address: string) {
  return page
    .getByTestId('address-row')
    .filter({ has: page.getByTestId('address').getByText(address, { exact: true }) });
}

export class AccountPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto('/account');
  }

  /** The row of exactly this address (another row may name it, e.g. "primary because … was flagged"). */
  row(address: string) {
    return addressRow(this.page, address);
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
