import { expect, type Page } from '@playwright/test';

export class ResetPasswordPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto('/reset-password');
    // Submitted before hydration, the form would post natively (progressive enhancement) and the
    // page would navigate; the byte comparison is about the action's own response, so wait for React.
    await this.page.waitForFunction(() => {
      const form = document.querySelector('form');
      return form !== null && Object.keys(form).some((key) => key.startsWith('__reactFiber'));
    });
  }

  /** Asks for a reset and returns the raw body of the server action's HTTP response. */
  async request(input: string): Promise<string> {
    let body: string | null = null;
    // Read through the route, not from the browser's cache of responses (which may drop the body).
    await this.page.route('**/reset-password', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      expect(route.request().headers()['next-action'], 'the form posted through its server action').toBeTruthy();
      const response = await route.fetch();
      body = await response.text();
      await route.fulfill({ response, body });
    });
    await this.page.getByLabel('Username or email address').fill(input);
    await this.page.getByRole('button', { name: 'Send a reset link' }).click();
    await expect(this.page.getByTestId('reset-answer')).toBeVisible();
    await this.page.unroute('**/reset-password');
    expect(body).not.toBeNull();
    return body as unknown as string;
  }

  answer() {
    return this.page.getByTestId('reset-answer');
  }

  async setNewPassword(password: string) {
    await this.page.getByLabel('New password', { exact: true }).fill(password);
    await this.page.getByLabel('New password, again').fill(password);
    await this.page.getByRole('button', { name: 'Set the new password' }).click();
  }
}
