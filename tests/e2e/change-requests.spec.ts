import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { E2E_PASSWORD, E2E_REQUEST_LINE, e2eAccounts } from "./fixtures/accounts";
import { LinePage, RequestPage } from "./pages/requests-page";
import { SignInPage } from "./pages/sign-in-page";

// Four eyes: an account admin (lines:request) files a line change, a line operator (lines:manage) approves it.
test.describe.configure({ mode: "serial" });

let requester: Page;
let approver: Page;
let requestUrl: string;

async function signedInPage(browser: Browser, loginId: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new SignInPage(page).signInAs(loginId, E2E_PASSWORD);
  return page;
}

test.beforeAll(async ({ browser }) => {
  requester = await signedInPage(browser, e2eAccounts.requester);
  approver = await signedInPage(browser, e2eAccounts.approver);
});
test.afterAll(async () => {
  await requester.context().close();
  await approver.context().close();
});

test("a request-level member files a line change; it waits, and the requester cannot approve it", async () => {
  const line = new LinePage(requester);
  await line.open(E2E_REQUEST_LINE, E2E_REQUEST_LINE.replace(/-/g, ""));
  const form = line.form();
  await expect(form.getByRole("button", { name: "変更を申請する" })).toBeVisible();
  await expect(form.getByRole("button", { name: "変更する" })).toHaveCount(0);

  await form.getByRole("radio", { name: /^オン/ }).check();
  await form.getByLabel("費用負担部署").fill("海外営業部");
  await form.getByRole("button", { name: "変更を申請する" }).click();
  // The reason is required; what was typed stays.
  await expect(form.getByLabel("申請理由")).toHaveAccessibleDescription(/入力してください。/);
  await expect(form.getByLabel("費用負担部署")).toHaveValue("海外営業部");

  await form.getByLabel("申請理由").fill("来週のシンガポール出張のため");
  await form.getByRole("button", { name: "変更を申請する" }).click();
  await expect(form.getByRole("status")).toContainText("変更を申請しました。承認されると反映されます。");
  await expect(line.pendingNote()).toContainText("あなたが");
  await expect(form.getByRole("button", { name: "変更を申請する" })).toBeDisabled();
  // Nothing has changed on the line yet.
  await expect(line.overview(/^国際ローミング$/)).toHaveText("オフ");
  await expect(line.overview(/^費用負担部署$/)).toHaveText("総務部");

  await line.pendingNote().getByRole("link", { name: "申請を表示" }).click();
  await expect(requester).toHaveURL(/\/requests\/[0-9a-f-]{36}$/);
  requestUrl = requester.url();
  const request = new RequestPage(requester);
  await expect(requester.getByRole("heading", { level: 1 })).toHaveText("回線設定の変更");
  await expect(request.status()).toHaveText("承認待ち");
  await expect(request.diffRow(/国際ローミング/)).toContainText(/オフ.*オン/);
  await expect(request.diffRow(/費用負担部署/)).toContainText(/総務部.*海外営業部/);
  await expect(requester.getByRole("button", { name: "承認する" })).toHaveCount(0);
  await expect(requester.getByRole("button", { name: "却下する" })).toHaveCount(0);
  await expect(requester.getByRole("button", { name: "申請を取り消す" })).toBeVisible();
  // The requester's own list has it; the list of requests to decide is not theirs to see for lines.
  await requester.goto("/requests?view=mine");
  await expect(requester.locator("table tbody tr").filter({ hasText: E2E_REQUEST_LINE })).toContainText("承認待ち");
});

test("a line operator finds it waiting, approves it, and the line shows the new settings", async () => {
  await approver.goto("/requests");
  await expect(approver.getByRole("navigation", { name: "表示する申請" }).locator('[aria-current="page"]')).toContainText("承認待ち");
  const row = approver.locator("table tbody tr").filter({ hasText: E2E_REQUEST_LINE });
  await expect(row).toContainText("申請 一花");
  await row.getByRole("link").click();
  await expect(approver).toHaveURL(requestUrl);
  const request = new RequestPage(approver);
  await expect(request.diffRow(/国際ローミング/)).toContainText(/オフ.*オン/);
  await request.approve("出張期間を確認しました");
  await expect(approver.getByRole("status").filter({ hasText: "申請を承認し、変更を反映しました。" })).toBeVisible();
  await expect(request.status()).toHaveText("承認済み");
  await expect(approver.getByText("出張期間を確認しました")).toBeVisible();

  const line = new LinePage(approver);
  await line.open(E2E_REQUEST_LINE);
  await expect(line.overview(/^国際ローミング$/)).toHaveText("オン");
  await expect(line.overview(/^費用負担部署$/)).toHaveText("海外営業部");
  await expect(line.pendingNote()).toHaveCount(0);
  const history = approver.getByRole("region", { name: "変更履歴" });
  await expect(history).toContainText("申請を承認");
  await expect(history).toContainText("設定を変更");

  // The requester sees the decision.
  await requester.goto(requestUrl);
  await expect(new RequestPage(requester).status()).toHaveText("承認済み");
  await expect(requester.getByRole("button", { name: "申請を取り消す" })).toHaveCount(0);
});

test("a line operator changes a line directly with manage", async () => {
  const line = new LinePage(approver);
  await line.open(E2E_REQUEST_LINE);
  const form = line.form();
  await expect(form.getByRole("button", { name: "変更を申請する" })).toHaveCount(0);
  await form.getByLabel("データ容量").fill("２０");
  await form.getByRole("button", { name: "変更する" }).click();
  await expect(form.getByRole("status")).toContainText("変更しました。");
  await expect(line.overview(/^データ容量$/)).toHaveText("20 GB");
  await form.getByLabel("データ容量").fill("二十");
  await form.getByRole("button", { name: "変更する" }).click();
  await expect(form.getByLabel("データ容量")).toHaveAccessibleDescription(/数字 \(整数\) で入力してください。/);
  await expect(line.overview(/^データ容量$/)).toHaveText("20 GB");
});

test("the requests, line and billing pages have no serious accessibility violation, in Japanese and English", async () => {
  test.setTimeout(120_000);
  const serious = async (page: Page) =>
    (await new AxeBuilder({ page }).analyze()).violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
  const line = new LinePage(approver);
  await line.open(E2E_REQUEST_LINE);
  const lineUrl = approver.url();
  for (const locale of ["ja", "en"]) {
    await approver.context().addCookies([{ name: "ocn.locale", value: locale, url: new URL(lineUrl).origin }]);
    for (const path of ["/requests", "/requests?view=all", new URL(requestUrl).pathname, new URL(lineUrl).pathname, "/lines", "/billing"]) {
      await approver.goto(path);
      await approver.waitForLoadState("networkidle");
      expect(await serious(approver), `${path} (${locale})`).toEqual([]);
    }
  }
});
