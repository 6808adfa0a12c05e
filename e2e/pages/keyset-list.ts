import { expect, type Locator, type Page } from '@playwright/test';

/**
 * One keyset-paged list on a dashboard page (users; the outbox's mail; its reset requests): its filter
 * form, its rows and its page links, found by the names the page gives them, so two lists on one page
 * stay apart.
 */
export class KeysetListSection {
  constructor(
    readonly page: Page,
    readonly names: { filters: string; pages: string; rowTestId: string },
  ) {}

  filters(): Locator {
    return this.page.getByRole('search', { name: this.names.filters });
  }

  /**
   * Fills text fields and picks options by their labels, applies the filters and waits for the filtered
   * list's URL (the rows on screen may already look right before it: wait for the navigation, not them).
   */
  async filter(fields: { fill?: Record<string, string>; select?: Record<string, string> }) {
    const before = this.page.url();
    const form = this.filters();
    for (const [label, value] of Object.entries(fields.fill ?? {})) await form.getByLabel(label).fill(value);
    for (const [label, value] of Object.entries(fields.select ?? {}))
      await form.getByLabel(label, { exact: true }).selectOption(value);
    await form.getByRole('button', { name: 'Apply filters' }).click();
    await expect(this.page).not.toHaveURL(before);
  }

  rows(): Locator {
    return this.page.getByTestId(this.names.rowTestId);
  }

  pageLink(name: 'First page' | 'Previous page' | 'Next page'): Locator {
    return this.page.getByRole('navigation', { name: this.names.pages }).getByRole('link', { name });
  }

  /** Follows a page link and waits for the URL to change and the rows to follow it. */
  async go(name: 'First page' | 'Previous page' | 'Next page') {
    const before = this.page.url();
    await this.pageLink(name).click();
    await expect(this.page).not.toHaveURL(before);
  }

  async texts(attribute: string): Promise<string[]> {
    return this.rows().evaluateAll((rows, a) => rows.map((r) => r.getAttribute(a) ?? ''), attribute);
  }
}
