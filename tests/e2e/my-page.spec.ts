import fs from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_PASSWORD, E2E_PASSWORD, demo, e2eAccounts } from "./fixtures/accounts";
import { MY_PAGE } from "./fixtures/my-page";
import { Console } from "./pages/console";
import { MyPage, linkFromOutbox } from "./pages/my-page";
import { RequestPage } from "./pages/requests-page";
import { SignInPage } from "./pages/sign-in-page";

// My Page for every member: the contact mail changes only after the link mailed to the new address is confirmed,
// "this wasn't me" on a sign-in offers a password change and alerts the security team, and a 容量追加 request waits for a
// line operator's approval before the line's capacity grows. Screenshots in ja and en.
test.use({ viewport: { width: 1280, height: 900 } });
const run = Date.now().toString(36);
const shotsDir = process.env.SHOTS_DIR ?? "test-results";
const shot = (page: Page, name: string) => page.screenshot({ path: `${shotsDir}/my-page-${name}.png`, fullPage: true });

async function signedInPage(browser: Browser, loginId: string, password: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await new SignInPage(page).signInAs(loginId, password);
  return page;
}

test.beforeAll(() => fs.mkdirSync(shotsDir, { recursive: true }));

test("a member changes their contact mail: nothing changes until the link from the mail is confirmed", async ({ browser }) => {
  test.setTimeout(120_000);
  const member = await signedInPage(browser, MY_PAGE.member, E2E_PASSWORD);
  const me = new MyPage(member);
  await me.goto();
  await expect(me.contactEmail()).toHaveText(MY_PAGE.member);
  // This month's usage of the member's line: 7.5 GB of the 10 GB plan plus 2 GB of add-ons.
  await expect(me.section("lines").getByTestId("my-line").filter({ hasText: MY_PAGE.line }).getByTestId("line-usage")).toHaveText("7.5 GB / 12.0 GB");

  const newAddress = `mypage.${run}@mail.example.jp`;
  await me.requestEmailChange(newAddress, E2E_PASSWORD);
  await expect(me.pendingChange()).toContainText(newAddress);
  await expect(me.contactEmail()).toHaveText(MY_PAGE.member);
  await me.section("contact").screenshot({ path: `${shotsDir}/my-page-pending-ja.png` });
  await member.reload();
  await expect(me.contactEmail()).toHaveText(MY_PAGE.member);
  await expect(me.pendingChange()).toContainText(newAddress);

  // The link, as mailed to the new address (kept in the outbox: no SMTP in tests).
  const admin = await signedInPage(browser, e2eAccounts.admin, E2E_PASSWORD);
  const link = await linkFromOutbox(admin, /連絡先メールアドレスの確認/, newAddress, "/me/email/confirm?token=");
  // The old address was told as well.
  await expect(admin.getByRole("article", { name: /連絡先メールアドレスの変更申請/ }).filter({ hasText: `宛先: ${MY_PAGE.member}` }).first()).toContainText(newAddress);
  await admin.context().close();

  // Opening the link shows what would change and changes nothing; the button does.
  await member.goto(link);
  await expect(member.getByRole("heading", { level: 1 })).toHaveText("連絡先メールアドレスの変更を確定");
  await expect(member.getByTestId("confirm-new-email")).toHaveText(newAddress);
  await me.goto();
  await expect(me.contactEmail()).toHaveText(MY_PAGE.member);
  await member.goto(link);
  await member.getByRole("button", { name: "変更を確定" }).click();
  await expect(member).toHaveURL(/\/me\?emailChanged=1#contact$/);
  await expect(me.contactEmail()).toHaveText(newAddress);
  await expect(me.section("contact").getByRole("status").first()).toContainText(`連絡先メールアドレスを ${newAddress} に変更しました`);
  await expect(me.pendingChange()).toHaveCount(0);

  // The link works once.
  await member.goto(link);
  await expect(member.getByTestId("confirm-email-refused")).toContainText("このリンクはすでに使われています");

  await me.goto();
  await shot(member, "ja");
  await new Console(member).switchLanguage("English");
  await expect(member.getByRole("heading", { level: 1 })).toHaveText("My Page");
  await shot(member, "en");
  await new Console(member).switchLanguage("日本語");

  // Moving to a new authenticator app: the QR code and the form that proves it (not completed here).
  const twoStep = me.section("two-step");
  await twoStep.getByRole("button", { name: "認証アプリを変更" }).click();
  await twoStep.getByRole("button", { name: "認証アプリを変更" }).click();
  await expect(twoStep.getByRole("img", { name: "新しい認証アプリ登録用の QR コード" })).toBeVisible();
  await expect(twoStep.getByLabel("新しいアプリのワンタイムコード")).toBeVisible();
  await twoStep.screenshot({ path: `${shotsDir}/my-page-two-step-ja.png` });
  await member.context().close();
});

test("\"this wasn't me\" on a sign-in offers a password change and shows the security team an alert", async ({ browser }) => {
  test.setTimeout(120_000);
  const reporter = await signedInPage(browser, MY_PAGE.reporter, E2E_PASSWORD);
  const me = new MyPage(reporter);
  await me.goto();
  const row = me.signInRow(MY_PAGE.strangerIp);
  await expect(row).toContainText("アメリカ合衆国 (US)");
  await expect(row).toContainText("Chrome 131 · Windows");
  await me.reportSignIn(MY_PAGE.strangerIp);

  await expect(reporter).toHaveURL(/\/me\?reported=1#password$/);
  await expect(me.passwordOffer()).toContainText("今すぐ新しいパスワードに変更してください");
  await expect(me.currentPasswordField()).toBeFocused();
  await expect(me.signInRow(MY_PAGE.strangerIp)).toContainText("報告済み");
  await shot(reporter, "reported-ja");
  await reporter.context().close();

  const security = await signedInPage(browser, demo.security, DEMO_PASSWORD);
  await security.goto("/alerts?kind=sign_in_reported");
  const alertRow = security.locator("table tbody tr").filter({ hasText: MY_PAGE.reporter });
  await expect(alertRow).toHaveCount(1);
  await expect(alertRow).toContainText("心当たりのないサインインの報告");
  await expect(alertRow).toContainText("高");
  await alertRow.getByRole("link", { name: "心当たりのないサインインの報告" }).click();
  await expect(security.getByRole("heading", { level: 1 })).toContainText(`心当たりのないサインインの報告: ${MY_PAGE.reporter}`);
  await expect(security.getByTestId("alert-why")).toContainText(`利用者本人 (${MY_PAGE.reporter}) が`);
  await expect(security.getByTestId("alert-why")).toContainText(MY_PAGE.strangerIp);
  await shot(security, "alert-ja");
  await security.context().close();
});

// After the contact-mail test, which reads the line's seeded capacity: this one adds to it (and reads it, not assumes it).
test("a member asks for 1 GB more data on their line; a line operator approves it and the capacity grows", async ({ browser }) => {
  test.setTimeout(120_000);
  const member = await signedInPage(browser, MY_PAGE.member, E2E_PASSWORD);
  const me = new MyPage(member);
  await me.goto();
  const line = me.line(MY_PAGE.line);
  await expect(line.getByTestId("pending-request")).toHaveCount(0);
  const before = await me.capacityGb(MY_PAGE.line);
  const usedText = (await line.getByTestId("line-usage").innerText()).split("/")[0]!.trim();

  const form = await me.openAddonForm(MY_PAGE.line);
  await expect(line.locator("summary")).toHaveText("データ容量を追加したい (容量追加を申請)");
  await form.getByRole("radio", { name: /^1 GB/ }).check();
  await line.screenshot({ path: `${shotsDir}/my-page-addon-form-ja.png` });
  // The reason is required; the size chosen stays.
  await form.getByRole("button", { name: "追加を申請する" }).click();
  await expect(form.getByLabel("申請理由")).toHaveAccessibleDescription(/入力してください。/);
  await expect(form.getByRole("radio", { name: /^1 GB/ })).toBeChecked();
  await form.getByLabel("申請理由").fill("月末の出張でテザリングを使うため");
  await form.getByRole("button", { name: "追加を申請する" }).click();
  await expect(form.getByRole("status")).toContainText("変更を申請しました。承認されると反映されます。");

  // Waiting: the card says so, the form is closed to a second request, and the capacity has not moved.
  await expect(line.locator("summary")).toHaveText("容量追加の申請が承認待ちです");
  await expect(line.getByTestId("pending-request")).toContainText("あなたが");
  await expect(line.getByTestId("pending-request")).toContainText("1 GB");
  await expect(form.getByRole("button", { name: "追加を申請する" })).toBeDisabled();
  await expect(line.getByTestId("line-usage")).toHaveText(`${usedText} / ${before.toFixed(1)} GB`);
  await member.reload();
  await expect(me.line(MY_PAGE.line).getByTestId("pending-request")).toBeVisible();
  await line.screenshot({ path: `${shotsDir}/my-page-addon-pending-ja.png` });

  // The member's own request: waiting, theirs to cancel, not theirs to approve or reject.
  await line.getByTestId("pending-request").getByRole("link", { name: "申請を表示" }).click();
  await expect(member).toHaveURL(/\/requests\/[0-9a-f-]{36}$/);
  const requestUrl = new URL(member.url()).pathname;
  const request = new RequestPage(member);
  await expect(member.getByRole("heading", { level: 1 })).toHaveText("容量追加");
  await expect(request.status()).toHaveText("承認待ち");
  await expect(request.diffRow(/追加する容量/)).toContainText("1 GB");
  await expect(member.getByText("あなたの申請です。")).toBeVisible();
  await expect(member.getByRole("button", { name: "申請を取り消す" })).toBeVisible();
  await expect(member.getByRole("button", { name: "承認する" })).toHaveCount(0);
  await expect(member.getByRole("button", { name: "却下する" })).toHaveCount(0);

  // A line operator finds it among the requests to decide and approves it.
  const operator = await signedInPage(browser, demo.lines, DEMO_PASSWORD);
  await operator.goto("/requests");
  await expect(operator.getByRole("navigation", { name: "表示する申請" }).locator('[aria-current="page"]')).toContainText("承認待ち");
  const row = operator.locator("table tbody tr").filter({ hasText: MY_PAGE.line }).filter({ hasText: "容量追加" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("自席 真衣");
  await row.getByRole("link").click();
  await expect(operator).toHaveURL(new RegExp(`${requestUrl}$`));
  await expect(operator.getByText("月末の出張でテザリングを使うため")).toBeVisible();
  await new RequestPage(operator).approve("承認します");
  await expect(operator.getByRole("status").filter({ hasText: "申請を承認し、変更を反映しました。" })).toBeVisible();
  await expect(new RequestPage(operator).status()).toHaveText("承認済み");
  await operator.context().close();

  // The member's request page says so, and My Page shows 1 GB more and nothing waiting.
  await member.goto(requestUrl);
  await expect(request.status()).toHaveText("承認済み");
  await expect(member.getByRole("button", { name: "申請を取り消す" })).toHaveCount(0);
  await me.goto();
  await expect(line.getByTestId("line-usage")).toHaveText(`${usedText} / ${(before + 1).toFixed(1)} GB`);
  await expect(line.getByTestId("pending-request")).toHaveCount(0);
  await expect(line.locator("summary")).toHaveText("データ容量を追加したい (容量追加を申請)");

  // The form in English, for the screenshots.
  await new Console(member).switchLanguage("English");
  await expect(member.getByRole("heading", { level: 1 })).toHaveText("My Page");
  const en = await me.openAddonForm(MY_PAGE.line);
  await en.getByRole("radio", { name: /^1 GB/ }).check();
  await line.screenshot({ path: `${shotsDir}/my-page-addon-form-en.png` });
  await new Console(member).switchLanguage("日本語");
  await member.context().close();
});
