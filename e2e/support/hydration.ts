import { expect, type Locator } from '@playwright/test';

// A button whose only behaviour is a React onClick does nothing when clicked before hydration, and a
// page that polls (a running scan) never goes network-idle: wait for React to own the element instead.

/** Waits until React has hydrated `target` (its DOM node carries React's fiber), then clicks it. */
export async function clickHydrated(target: Locator, timeout = 30_000): Promise<void> {
  await expect
    .poll(
      () => target.evaluate((el) => Object.keys(el).some((key) => key.startsWith('__reactFiber'))).catch(() => false),
      { timeout, intervals: [100, 250, 500] },
    )
    .toBe(true);
  await target.click();
}
