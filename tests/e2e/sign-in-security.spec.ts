import { expect, test, type Page } from "@playwright/test";
import { totpCode } from "@/lib/policy/totp";
import { E2E_PASSWORD, FENCED, e2eAccounts } from "./fixtures/accounts";
import { Console } from "./pages/console";
import { SignInPage } from "./pages/sign-in-page";

const NEW_PASSWORD = "石畳の路地で猫が昼寝する午後";

async function openAccount(page: Page, loginId: string) {
  await page.goto(`/accounts?q=${encodeURIComponent(loginId)}`);
  await page.locator("table tbody tr a").first().click();
  await expect(page).toHaveURL(/\/accounts\/[0-9a-f-]{36}$/);
}

async function confirmAction(page: Page, button: RegExp, confirm: RegExp) {
  await page.getByRole("button", { name: button }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: confirm }).click();
  await expect(page.getByRole("status").filter({ hasText: /./ })).toBeVisible();
}

test("ten wrong passwords lock the account, the right one is refused alike, and an admin unlocks it", async ({ page, browser }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  for (let i = 0; i < 10; i++) {
    await signIn.signIn(e2eAccounts.lockme, `wrong-password-${i}`);
    await signIn.expectGenericError();
  }
  await signIn.signIn(e2eAccounts.lockme, E2E_PASSWORD);
  await signIn.expectGenericError();
  await expect(page).toHaveURL(/\/sign-in$/);

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await new SignInPage(admin).signInAs(e2eAccounts.admin, E2E_PASSWORD);
  await openAccount(admin, e2eAccounts.lockme);
  await expect(admin.getByText("ロック中").first()).toBeVisible();
  await confirmAction(admin, /^ロック解除$/, /^ロックを解除$/);
  await expect(admin.getByRole("status").filter({ hasText: /./ })).toContainText("ロックを解除しました");
  await adminContext.close();

  await signIn.signInAs(e2eAccounts.lockme, E2E_PASSWORD);
  await expect(page.getByRole("heading", { name: "マイページ" })).toBeVisible();
});

test("the first sign-in enrols an authenticator app; a backup code works once", async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(e2eAccounts.newbie, E2E_PASSWORD);
  await expect(page).toHaveURL(/\/sign-in\/enroll/);
  await expect(page.getByRole("img", { name: "認証アプリ登録用の QR コード" })).toBeVisible();
  await page.getByText("QR コードを読み取れない場合").click();
  const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s/g, "");
  await page.getByLabel("ワンタイムコード").fill(totpCode(secret, new Date()));
  await page.getByRole("button", { name: "登録してサインイン" }).click();
  const codes = page.getByRole("list", { name: "バックアップコード" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const backup = await codes.nth(2).innerText();
  await page.getByRole("link", { name: "続ける" }).click();
  await expect(page.getByRole("heading", { name: "マイページ" })).toBeVisible();
  await new Console(page).signOut();

  for (const expectSuccess of [true, false]) {
    await signIn.signIn(e2eAccounts.newbie, E2E_PASSWORD);
    await expect(page).toHaveURL(/\/sign-in\/verify/);
    await page.getByRole("button", { name: "バックアップコードを使う" }).click();
    await page.getByLabel("バックアップコード").fill(backup);
    await page.getByRole("button", { name: /^確認$/ }).click();
    if (expectSuccess) {
      await expect(page.getByRole("heading", { name: "マイページ" })).toBeVisible();
      await new Console(page).signOut();
    } else {
      await expect(page.locator("form").getByRole("alert")).toContainText("ワンタイムコードが正しくありません");
    }
  }
});

test("a password reset goes through the mail outbox and ends with the new password", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "パスワードをお忘れの場合" }).click();
  await expect(page.getByRole("heading", { name: "パスワードの再設定" })).toBeVisible();
  await page.getByLabel("OCN ID").fill(e2eAccounts.reset);
  await page.getByRole("button", { name: "再設定リンクを送る" }).click();
  await expect(page.getByRole("status")).toContainText("再設定用のリンクをメールで送りました");

  const signIn = new SignInPage(page);
  await signIn.signInAs(e2eAccounts.admin, E2E_PASSWORD);
  await page.goto("/outbox");
  const mail = page.getByRole("article", { name: "【OCN ビジネスコンソール】パスワード再設定のご案内" }).filter({ hasText: e2eAccounts.reset });
  const link = /http:\/\/\S+\/sign-in\/reset\/[\w-]+/.exec(await mail.innerText())![0];
  await new Console(page).signOut();

  await page.goto(new URL(link).pathname);
  await page.getByLabel("新しいパスワード", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("新しいパスワード (確認)").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "パスワードを設定" }).click();
  await expect(page.getByRole("status")).toContainText("パスワードを変更しました");
  await signIn.signIn(e2eAccounts.reset, E2E_PASSWORD);
  await signIn.expectGenericError();
  await signIn.signInAs(e2eAccounts.reset, NEW_PASSWORD);
  await expect(page.getByRole("heading", { name: "マイページ" })).toBeVisible();
});

test("disabling an account ends its open session at the next click", async ({ page, browser }) => {
  await new SignInPage(page).signInAs(e2eAccounts.leaver, E2E_PASSWORD);
  await expect(page.getByRole("heading", { name: "マイページ" })).toBeVisible();

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await new SignInPage(admin).signInAs(e2eAccounts.admin2, E2E_PASSWORD);
  await openAccount(admin, e2eAccounts.leaver);
  await confirmAction(admin, /^無効化$/, /^無効にする$/);
  await adminContext.close();

  await page.reload();
  await expect(page).toHaveURL(/\/sign-in/);
});

test("incident response locks the account and ends its open session, and reports the SLA", async ({ page, browser }) => {
  await new SignInPage(page).signInAs(e2eAccounts.victim, E2E_PASSWORD);
  await expect(page.getByRole("heading", { name: "マイページ" })).toBeVisible();

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await new SignInPage(admin).signInAs(e2eAccounts.admin, E2E_PASSWORD);
  await openAccount(admin, e2eAccounts.victim);
  await admin.getByRole("button", { name: "インシデント対応" }).click();
  const dialog = admin.getByRole("dialog");
  await dialog.getByRole("button", { name: "実施する" }).click();
  await expect(dialog.getByRole("alert")).toContainText("理由を入力してください");
  await dialog.getByLabel("理由 (必須・監査ログと通知に記載)").fill("フィッシングメールのリンクを開いたと本人から申告");
  await dialog.getByRole("button", { name: "実施する" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "インシデント対応を実施しました" })).toContainText("SLA (15 分) を満たしています");
  await expect(admin.getByText("ロック中").first()).toBeVisible();
  await adminContext.close();

  await page.reload();
  await expect(page).toHaveURL(/\/sign-in/);
  const signIn = new SignInPage(page);
  await signIn.signIn(e2eAccounts.victim, E2E_PASSWORD);
  await signIn.expectGenericError();
});

test.describe("IP allowlist", () => {
  test("an address allowed through the trusted proxy signs in; an expired trip entry and other addresses are refused", async ({ browser }) => {
    for (const [ip, allowed] of [[FENCED.office, true], [FENCED.expiredTrip, false], [FENCED.outside, false]] as const) {
      const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": ip } });
      const page = await context.newPage();
      const signIn = new SignInPage(page);
      await signIn.goto();
      await signIn.signIn(e2eAccounts.fenced, E2E_PASSWORD);
      if (allowed) {
        await signIn.enterOneTimeCode(e2eAccounts.fenced);
        await expect(page.getByRole("heading", { name: "マイページ" }), ip).toBeVisible();
      } else {
        await signIn.expectGenericError();
      }
      await context.close();
    }
  });

  test("a forwarded-for header from a client that is not a trusted proxy changes nothing", async ({ browser, baseURL }) => {
    const port = new URL(baseURL!).port;
    const context = await browser.newContext({ baseURL: `http://[::1]:${port}`, extraHTTPHeaders: { "X-Forwarded-For": FENCED.office } });
    const page = await context.newPage();
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(e2eAccounts.fenced, E2E_PASSWORD);
    await signIn.expectGenericError();
    await context.close();
  });
});

test("pages carry the security headers, and a state-changing request from another site is refused", async ({ request, baseURL }) => {
  const page = await request.get("/sign-in");
  expect(page.headers()["content-security-policy"]).toMatch(/frame-ancestors 'none'.*|script-src 'self' 'nonce-/);
  expect(page.headers()["x-frame-options"]).toBe("DENY");
  for (const origin of ["null", "https://evil.example"]) {
    const response = await request.post("/sign-in", { headers: { Origin: origin }, form: { loginId: e2eAccounts.admin, password: E2E_PASSWORD } });
    expect(response.status(), origin).toBe(403);
  }
  const sameSite = await request.post("/sign-in", { headers: { Origin: new URL(baseURL!).origin }, form: { loginId: "x", password: "y" } });
  expect(sameSite.status()).toBeLessThan(500);
});
