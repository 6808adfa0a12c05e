import { expect, test as setup } from '@playwright/test';
import { LoginPage } from './pages/login-page';
import { ROLES, type RoleName, storageState } from './roles';
import { nextTotpCode } from './support/totp';

// One sign-in per role through the real form; the tests reuse the saved browser state.
for (const role of Object.keys(ROLES) as RoleName[]) {
  setup(`sign in as ${role}`, async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    const { username, password, totpSecret } = ROLES[role];
    await login.signIn(username, password);
    // Staff and admin: the code on its own step, after the password.
    if (totpSecret) await login.enterCode(await nextTotpCode(username, totpSecret));
    await expect(page).toHaveURL(role === 'user' ? /\/account$/ : /\/admin$/);
    await page.context().storageState({ path: storageState(role) });
  });
}
