import { expect, type Page } from '@playwright/test';

export class LoginPage {
  constructor(readonly page: Page) {}

  async goto(next?: string) {
    await this.page.goto(next ? `/login?callbackUrl=${encodeURIComponent(next)}` : '/login');
  }

  /** The password step; with two-factor authentication on, the code step follows (enterCode). */
  async signIn(username: string, password: string) {
    await this.page.getByLabel('Username').fill(username);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }

  /**
   * The code step: only the code, on a form of its own (the password is not asked again). Waits for
   * the server's answer: a refusal re-renders the same form (and may repeat the same words), so the
   * next code must not be typed into a form the answer is about to reset.
   */
  async enterCode(code: string) {
    const submit = this.page.getByRole('button', { name: 'Sign in', exact: true });
    await expect(this.codeField()).toBeVisible();
    await expect(submit).toBeEnabled();
    await this.codeField().fill(code);
    await Promise.all([
      this.page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login'),
      submit.click(),
    ]);
  }

  codeField() {
    return this.page.getByLabel('Authentication code');
  }

  async expectError(text: string | RegExp) {
    // Next's route announcer is an (empty) alert too: pick ours by its text.
    await expect(this.page.getByRole('alert').filter({ hasText: text })).toBeVisible();
  }
}
