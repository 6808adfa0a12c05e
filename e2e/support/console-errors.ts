import { expect, type Page } from '@playwright/test';

// Every console error and uncaught page error a page produces (a hydration mismatch is a page error,
// React #418). A 404 or 403 page logs the failed load of its own document: that one is expected when the
// visit expects that status, and nothing else is.

interface Logged {
  text: string;
  url?: string;
}

export class ConsoleWatch {
  private logged: Logged[] = [];

  constructor(readonly page: Page) {
    page.on('console', (m) => {
      if (m.type() === 'error') this.logged.push({ text: m.text(), url: m.location().url });
    });
    page.on('pageerror', (e) => this.logged.push({ text: `page error: ${e.message}` }));
  }

  /** Opens `path`, expects `status`, waits for React to hydrate it and expects nothing else logged. */
  async visit(path: string, status = 200): Promise<void> {
    this.logged = [];
    const response = await this.page.goto(path);
    expect(response?.status(), `status of ${path}`).toBe(status);
    await waitForHydration(this.page);
    const own = `Failed to load resource: the server responded with a status of ${status}`;
    const unexpected = this.logged.filter(
      (l) => !(status >= 400 && l.text.startsWith(own) && l.url === response?.url()),
    );
    expect(
      unexpected.map((l) => (l.url ? `${l.text} (${l.url})` : l.text)),
      `console and page errors on ${path}`,
    ).toEqual([]);
  }
}

/** Waits until React owns the page's main landmark (its DOM node carries React's fiber): hydration is over. */
export async function waitForHydration(page: Page): Promise<void> {
  await expect
    .poll(
      () =>
        page
          .locator('main')
          .first()
          .evaluate((el) => Object.keys(el).some((key) => key.startsWith('__reactFiber')))
          .catch(() => false),
      { timeout: 30_000, intervals: [100, 250, 500] },
    )
    .toBe(true);
}
