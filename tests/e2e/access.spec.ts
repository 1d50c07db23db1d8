import { expect, test, type Browser, type Page } from "@playwright/test";
import { E2E_EMPLOYEE_NUMBERS, E2E_PASSWORD, e2eAccounts } from "./fixtures/accounts";
import { AccountDetailPage, AccountFormPage } from "./pages/account-pages";
import { Console } from "./pages/console";
import { EnrollPage, INVITATION_SUBJECT, InvitationPage, OutboxPage } from "./pages/onboarding-pages";
import { SignInPage } from "./pages/sign-in-page";

// Accounts & access: invitation to first sign-in, time-limited and conflicting grants, suspension, one person one ID.
const run = Date.now().toString(36);

/** A datetime-local value in Japan time, to the second (the grant form accepts seconds; Chromium keeps them unless they are :00). */
function jstLocal(at: Date): string {
  const value = new Date(at.getTime() + 9 * 3_600_000).toISOString().slice(0, 19);
  return value.endsWith(":00") ? jstLocal(new Date(at.getTime() + 1000)) : value;
}

async function signedInPage(browser: Browser, loginId: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await new SignInPage(page).signInAs(loginId, password);
  return page;
}

const nav = (page: Page) => new Console(page).nav();

// One admin session for the file: each one-time code is accepted once, so signing in per test would wait for codes.
let admin: Page;
test.beforeAll(async ({ browser }) => {
  admin = await signedInPage(browser, e2eAccounts.admin, E2E_PASSWORD);
});
test.afterAll(() => admin.context().close());

test("an invited person sets a password from the mail, enrols the authenticator and gets only the granted permissions", async ({ browser }) => {
  test.setTimeout(90_000);
  const loginId = `e2e.invitee.${run}@minato-shoji.example.jp`;
  const email = `ichika.${run}@mail.example.jp`;

  await admin.goto("/accounts");
  await admin.getByRole("link", { name: "アカウントを招待" }).click();
  await expect(admin).toHaveURL(/\/accounts\/new$/);
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("アカウントを招待");
  const form = new AccountFormPage(admin);
  await form.fill({ loginId, displayName: "招待 一花", email, employeeNumber: `e2e-inv-${run}`, firstRole: "人事" });
  await form.submitInvite();

  const detail = new AccountDetailPage(admin);
  await expect(admin).toHaveURL(/\/accounts\/[0-9a-f-]{36}\?notice=invited$/);
  await expect(detail.heading()).toHaveText("招待 一花");
  await expect(detail.header()).toContainText("招待中");
  await expect(detail.message(`${email} に招待メールを送りました (リンクの有効期限は 7 日間です)。`)).toBeVisible();
  await expect(admin.getByText(`E2E-INV-${run.toUpperCase()}`)).toBeVisible();
  await detail.openPermissionsTab();
  await expect(detail.grantRow("人事")).toBeVisible();

  const outbox = new OutboxPage(admin);
  await outbox.goto();
  await expect(outbox.mail(INVITATION_SUBJECT, loginId)).toContainText(`宛先: ${email}`);
  const link = await outbox.linkPath(INVITATION_SUBJECT, loginId, "/sign-in/invitation/");

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("OCN ID のパスワード設定");
  await expect(page.getByText(loginId)).toBeVisible();
  const invitation = new InvitationPage(page);
  await invitation.setPassword(`Kumo-${run}-Sora-Umi`);
  await expect(invitation.error()).toContainText("氏名やOCN ID、社員番号を含めないでください");
  await invitation.setPassword("Harugasumi-Toudai-Mieru-7");
  await expect(page).toHaveURL(/\/sign-in\?invited=1$/);
  await expect(page.getByRole("status")).toHaveText("パスワードを設定しました。サインインして、二段階認証を設定してください。");

  await new SignInPage(page).signIn(loginId, "Harugasumi-Toudai-Mieru-7");
  await expect(page).toHaveURL(/\/sign-in\/enroll/);
  const enroll = new EnrollPage(page);
  await expect(enroll.qrCode()).toBeVisible();
  const codes = await enroll.enrol(await enroll.secret());
  expect(new Set(codes).size).toBe(10);
  await enroll.continue();
  await expect(page).not.toHaveURL(/\/sign-in/);

  await expect(nav(page).getByRole("link")).toHaveText(["ダッシュボード", "アカウント (OCN ID)", "ロールと権限", "申請・承認", "退職・異動", "棚卸し"]);
  for (const path of ["/accounts", "/offboarding", "/reviews", "/roles"]) {
    expect((await page.goto(path))?.status(), path).toBe(200);
  }
  await page.goto("/accounts");
  await expect(page.getByRole("link", { name: "アカウントを招待" })).toHaveCount(0);
  for (const path of ["/accounts/new", "/roles/new", "/lines", "/audit", "/outbox", "/settings"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { name: "この画面を表示する権限がありません" }), path).toBeVisible();
  }

  // The link works once.
  await page.goto(link);
  await expect(page.getByRole("alert").filter({ hasText: "このリンクは使えません" })).toBeVisible();
  await context.close();
});

test("a contractor's role needs an end, and its permissions are gone from the second it ends", async ({ browser }) => {
  test.setTimeout(90_000);
  const contractor = await signedInPage(browser, e2eAccounts.contractor, E2E_PASSWORD);
  await expect(contractor.getByRole("heading", { name: "マイページ" })).toBeVisible();
  await expect(nav(contractor).getByRole("link")).toHaveText(["マイページ", "申請・承認"]);
  expect((await contractor.goto("/lines"))?.status()).toBe(403);

  const detail = new AccountDetailPage(admin);
  await detail.open(e2eAccounts.contractor);
  await expect(detail.header()).toContainText("委託先");
  await detail.openPermissionsTab();
  await detail.openGrantDialog();
  await expect(detail.grantEndsAt()).toHaveAccessibleName("期限 (必須)");
  await detail.chooseGrantRole("回線担当");
  await detail.grantReason().fill("回線の入替え作業のため");
  await detail.grantSubmit().click();
  await expect(detail.grantEndsAt()).toHaveAttribute("aria-invalid", "true");
  await expect(detail.grantEndsAt()).toHaveAccessibleDescription(/委託先の方のロールには期限が必要です。/);
  await expect(detail.grantReason()).toHaveValue("回線の入替え作業のため");

  const endsAt = new Date(Date.now() + 20_000);
  await detail.grantEndsAt().fill(jstLocal(endsAt));
  await detail.grantSubmit().click();
  await expect(detail.grantDialog()).toBeHidden();
  await expect(detail.message("ロールを付与しました。")).toBeVisible();
  await expect(detail.grantRow("回線担当")).toContainText("期限付き");

  await contractor.goto("/me");
  await expect(nav(contractor).getByRole("link", { name: "回線・SIM" })).toBeVisible();
  expect((await contractor.goto("/lines"))?.status()).toBe(200);
  expect(Date.now(), "the checks above ran before the grant ended").toBeLessThan(endsAt.getTime());

  await contractor.waitForTimeout(endsAt.getTime() - Date.now() + 500);
  const response = await contractor.reload();
  expect(response?.status()).toBe(403);
  await contractor.goto("/me");
  await expect(nav(contractor).getByRole("link", { name: "回線・SIM" })).toHaveCount(0);
  await expect(nav(contractor).getByRole("link")).toHaveText(["マイページ", "申請・承認"]);

  await admin.reload();
  await detail.openPermissionsTab();
  await expect(detail.grantRow("回線担当")).toContainText("期限切れ");
  await expect(detail.grantRow("回線担当").getByRole("button", { name: "取り消す" })).toHaveCount(0);
  await contractor.context().close();
});

test("a grant that breaks a separation-of-duty rule is refused before it is sent, and nothing is granted", async () => {
  const detail = new AccountDetailPage(admin);
  await detail.open(e2eAccounts.auditor);
  await detail.openPermissionsTab();
  await expect(detail.grantRow("セキュリティ監査")).toBeVisible();
  await detail.openGrantDialog();
  await detail.chooseGrantRole("アカウント管理者");

  const conflict = detail.grantDialog().getByRole("alert");
  await expect(conflict).toContainText("職務分離ルールに抵触します");
  await expect(conflict).toContainText("監査ログの管理 × アカウントの管理");
  await expect(conflict).toContainText("audit:manage × accounts:manage");
  await expect(conflict).toContainText("この組織では職務分離の例外を認めていないため、付与できません。");
  await expect(detail.grantSubmit()).toBeDisabled();
  await expect(detail.grantDialog().getByLabel("職務分離の例外とする理由")).toHaveCount(0);

  await detail.grantDialog().getByRole("button", { name: "キャンセル" }).click();
  await expect(detail.grantDialog()).toBeHidden();
  await admin.reload();
  await detail.openPermissionsTab();
  await expect(detail.grantRow("セキュリティ監査")).toBeVisible();
  await expect(detail.grantRow("アカウント管理者")).toHaveCount(0);
});

test("suspending ends the person's open session at their next click; reactivating lets them sign in again", async ({ browser }) => {
  test.setTimeout(60_000);
  const person = await signedInPage(browser, e2eAccounts.suspend, E2E_PASSWORD);
  await expect(person.getByRole("heading", { name: "マイページ" })).toBeVisible();

  const detail = new AccountDetailPage(admin);
  await detail.open(e2eAccounts.suspend);
  await detail.runAction(/^一時停止$/, /^一時停止する$/);
  await expect(detail.message("アカウントを一時停止しました。")).toBeVisible();
  await expect(detail.header()).toContainText("一時停止");
  await expect(admin.getByRole("button", { name: "利用を再開" })).toBeVisible();

  await person.getByRole("link", { name: /マイページ/ }).first().click();
  await expect(person).toHaveURL(/\/sign-in/);
  const signIn = new SignInPage(person);
  await signIn.signIn(e2eAccounts.suspend, E2E_PASSWORD);
  await signIn.expectGenericError();

  await detail.runAction(/^利用を再開$/, /^再開する$/);
  await expect(detail.message("利用を再開しました。")).toBeVisible();
  await expect(detail.header()).toContainText("有効");

  await signIn.signInAs(e2eAccounts.suspend, E2E_PASSWORD);
  await expect(person.getByRole("heading", { name: "マイページ" })).toBeVisible();
  await person.context().close();
});

test("an employee number another live account holds is refused under the field, and what was typed stays", async () => {
  const detail = new AccountDetailPage(admin);
  await detail.open(e2eAccounts.editme);
  await admin.getByRole("link", { name: "アカウントを編集" }).click();
  await expect(admin).toHaveURL(/\/accounts\/[0-9a-f-]{36}\/edit$/);
  const form = new AccountFormPage(admin);
  await expect(form.employeeNumber()).toHaveValue(E2E_EMPLOYEE_NUMBERS.editme);

  await form.fill({ displayName: "編集 十二 (改)", employeeNumber: E2E_EMPLOYEE_NUMBERS.held });
  await form.submitEdit();
  await expect(form.employeeNumber()).toHaveAttribute("aria-invalid", "true");
  await expect(form.employeeNumber()).toHaveAccessibleDescription(/この社員番号は別の有効なアカウントで使われています/);
  await expect(form.employeeNumber()).toHaveValue(E2E_EMPLOYEE_NUMBERS.held);
  await expect(form.displayName()).toHaveValue("編集 十二 (改)");
  await expect(admin).toHaveURL(/\/edit$/);

  await form.fill({ employeeNumber: "E2E-EDIT-02" });
  await form.submitEdit();
  await expect(admin).toHaveURL(/\/accounts\/[0-9a-f-]{36}\?notice=saved$/);
  await expect(detail.message("保存しました。")).toBeVisible();
  await expect(detail.heading()).toHaveText("編集 十二 (改)");
  await expect(admin.getByText("E2E-EDIT-02")).toBeVisible();
});
