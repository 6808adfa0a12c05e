import {
  type APIRequestContext,
  type BrowserContext,
  expect,
  type Page,
  request as playwrightRequest,
} from '@playwright/test';
import { E2E_PORT } from '../../playwright.config';
import { type RoleName, storageState } from '../roles';

// Calls a server action "directly": the request a real button sends is captured in the browser of a
// role that may use the page, stopped before it reaches the server, and replayed as another role (or
// with no session). That is what an attacker with a lower role can do: the action id is public.

export interface CapturedAction {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Runs `trigger` (a click), captures the server action POST it causes, and aborts it. */
export async function captureAction(page: Page, trigger: () => Promise<void>): Promise<CapturedAction> {
  // A click before React has hydrated the button does nothing: let the page settle first.
  await page.waitForLoadState('networkidle');
  let resolve!: (a: CapturedAction) => void;
  const captured = new Promise<CapturedAction>((r) => {
    resolve = r;
  });
  // A request still in this handler when the route is removed has already been let through by
  // Playwright: answering it again throws "Route is already handled", which is no failure of the test.
  const settle = (step: Promise<void>) =>
    step.catch((error: Error) => {
      if (!/already handled/i.test(error.message)) throw error;
    });
  await page.route('**/*', async (route) => {
    const req = route.request();
    const headers = await req.allHeaders();
    if (req.method() === 'POST' && headers['next-action']) {
      resolve({
        url: req.url(),
        headers: Object.fromEntries(
          Object.entries(headers).filter(([k]) =>
            ['next-action', 'content-type', 'next-router-state-tree', 'accept'].includes(k),
          ),
        ),
        body: req.postData() ?? '',
      });
      await settle(route.abort());
      return;
    }
    await settle(route.continue());
  });
  await trigger();
  const action = await captured;
  await page.unroute('**/*');
  return action;
}

/** Who replays: a demo role's saved session, a context's own session (a user a spec made), or nobody. */
export type Caller = RoleName | null | { session: BrowserContext };

async function context(caller: Caller): Promise<APIRequestContext> {
  const state =
    caller === null
      ? { cookies: [], origins: [] }
      : typeof caller === 'string'
        ? storageState(caller)
        : await caller.session.storageState();
  return playwrightRequest.newContext({ baseURL: `http://localhost:${E2E_PORT}`, storageState: state });
}

/** Replays a captured action as `caller` (null: anonymous). Returns the status and the response text. */
export async function replayAction(action: CapturedAction, caller: Caller) {
  const ctx = await context(caller);
  try {
    const response = await ctx.post(action.url, { headers: action.headers, data: action.body, maxRedirects: 0 });
    return { status: response.status(), text: await response.text() };
  } finally {
    await ctx.dispose();
  }
}

/** The action ran and refused: a typed failure in the RSC payload, or (anonymous) a redirect to sign in. */
export function expectRefused(result: { status: number; text: string }, code: 'forbidden' | 'unauthenticated') {
  if (result.status >= 300 && result.status < 400) {
    expect(code).toBe('unauthenticated');
    return;
  }
  expect(result.text).toContain(`"code":"${code}"`);
  expect(result.text).not.toContain('"ok":true');
}
