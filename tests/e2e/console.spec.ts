import { expect, test } from "@playwright/test";
import { AccountsPage, Console } from "./pages/console";
import { SignInPage } from "./pages/sign-in-page";
import { DEMO_PASSWORD, E2E_PASSWORD, demo, e2eAccounts } from "./fixtures/accounts";

const ADMIN = { loginId: demo.admin, password: DEMO_PASSWORD };

test("a wrong password shows the generic error on the page and keeps the typed ID", async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(ADMIN.loginId, "not-the-password-123");
  await signIn.expectGenericError();
  await expect(page.getByLabel(/OCN ID/)).toHaveValue(ADMIN.loginId);
  await expect(page).toHaveURL(/\/sign-in/);
});

test("a disabled account gets the same generic error with the right password", async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(e2eAccounts.disabled, E2E_PASSWORD);
  await signIn.expectGenericError();
});

test("an admin signs in, filters the accounts list, switches language and signs out", async ({ page }) => {
  await page.goto("/accounts");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Faccounts/);
  const signIn = new SignInPage(page);
  // Full-width input with a trailing space, as Japanese keyboards produce it.
  const fullWidth = ADMIN.loginId.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)) + "　";
  await signIn.signIn(fullWidth, ADMIN.password);
  await signIn.enterOneTimeCode(ADMIN.loginId);

  await expect(page).toHaveURL(/\/accounts$/);
  const accounts = new AccountsPage(page);
  await expect(accounts.heading()).toHaveText("アカウント (OCN ID)");
  const total = await accounts.total();
  expect(total).toBeGreaterThanOrEqual(280);
  await expect(accounts.rows()).toHaveCount(50);

  await accounts.search("e2e.admin");
  await expect(page).toHaveURL(/q=e2e.admin/);
  await expect(accounts.rows()).toHaveCount(1);
  await expect(accounts.rows().first()).toContainText("検証 花子");
  expect(await accounts.total()).toBe(1);

  await page.getByRole("link", { name: "検証 花子" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("検証 花子");
  await page.getByRole("tab", { name: "権限" }).click();
  await expect(page.getByRole("tabpanel")).toContainText("組織管理者");

  const shell = new Console(page);
  await shell.switchLanguage("English");
  await expect(page.getByRole("tab", { name: "Permissions" })).toBeVisible();
  await shell.openFromNav(/^Accounts$/);
  await expect(accounts.heading()).toHaveText("Accounts");
  await page.reload();
  await expect(accounts.heading()).toHaveText("Accounts");
  await shell.switchLanguage("日本語");
  await expect(accounts.heading()).toHaveText("アカウント (OCN ID)");

  await shell.signOut();
  await page.goto("/accounts");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("the dashboard shows the 90-day sign-in chart from the seeded events", async ({ page }) => {
  await new SignInPage(page).signInAs(ADMIN.loginId, ADMIN.password);
  await expect(page.getByRole("heading", { name: "ダッシュボード" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "サインイン数と失敗数(日別)" })).toBeVisible();
  await expect(page.getByRole("link", { name: "直近90日" })).toHaveAttribute("aria-current", "page");
  // recharts draws one bar per day and series; a 90-day chart with data has many.
  await expect.poll(() => page.locator(".recharts-bar-rectangle").count()).toBeGreaterThan(100);
  await expect(page.getByText("有効なアカウント")).toBeVisible();
});
