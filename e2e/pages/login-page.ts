import { expect, type Page } from '@playwright/test';

export class LoginPage {
  constructor(readonly page: Page) {}

  async goto(next?: string) {
    await this.page.goto(next ? `/login?callbackUrl=${encodeURIComponent(next)}` : '/login');
  }

  async signIn(username: string, password: string) {
    await this.page.getByLabel('Username').fill(username);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }

  async expectError(text: string | RegExp) {
    // Next's route announcer is an (empty) alert too: pick ours by its text.
    await expect(this.page.getByRole('alert').filter({ hasText: text })).toBeVisible();
  }
}
