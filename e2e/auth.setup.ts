import { expect, test as setup } from '@playwright/test';
import { LoginPage } from './pages/login-page';
import { ROLES, type RoleName, storageState } from './roles';

// One sign-in per role through the real form; the tests reuse the saved browser state.
for (const role of Object.keys(ROLES) as RoleName[]) {
  setup(`sign in as ${role}`, async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn(ROLES[role].username, ROLES[role].password);
    await expect(page).toHaveURL(role === 'user' ? /\/account$/ : /\/admin$/);
    await page.context().storageState({ path: storageState(role) });
  });
}
