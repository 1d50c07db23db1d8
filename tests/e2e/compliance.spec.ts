import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, demo } from "./fixtures/accounts";
import { Console } from "./pages/console";
import { SignInPage } from "./pages/sign-in-page";

// The compliance calendar: the demo's security auditor records this month's IP allowlist review with its evidence;
// a member cannot reach the calendar.

const shots = process.env.E2E_SCREENSHOTS_DIR;
async function shoot(page: Page, name: string) {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
}

const monthName = (locale: string) => new Intl.DateTimeFormat(locale, { year: "numeric", month: "long", timeZone: "Asia/Tokyo" }).format(new Date());
const NOTE = "許可リスト12件を確認、期限切れ2件を削除";
const LINK = "https://wiki.minato-shoji.example.jp/security/ip-review";

test("the security auditor sees this month's IP allowlist review as due, records it with evidence, and it shows as done", async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await new SignInPage(page).signInAs(demo.security, DEMO_PASSWORD);

  // The dashboard's card leads to the calendar.
  await page.goto("/");
  const card = page.getByRole("link", { name: /コンプライアンス期限切れ/ });
  await expect(card).toBeVisible();
  await shoot(page, "dashboard-compliance-ja");
  await card.click();
  await expect(page).toHaveURL(/\/compliance$/);
  await expect(page.getByRole("heading", { level: 1, name: "コンプライアンス" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: `${monthName("ja-JP")}の予定` })).toBeVisible();

  // This month's review: open (due, or overdue late in the month), with what to do and where.
  const review = page.locator('[data-testid="compliance-task"][data-kind="ip_allowlist_monthly"]').filter({ hasText: monthName("ja-JP") });
  await expect(review).toHaveCount(1);
  await expect(review).toHaveAttribute("data-status", "open");
  await expect(review.getByText(/^(未完了|期限切れ)$/)).toBeVisible();
  await expect(review.getByRole("link", { name: /IPアクセス制限を開く/ })).toHaveAttribute("href", "/security/network");
  await expect(review.getByText("セキュリティ監査")).toBeVisible();
  // Past months were recorded with their evidence.
  await expect(page.getByTestId("compliance-history").locator("tbody tr").first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await shoot(page, "compliance-ja");

  // The evidence note is required; the error names the field and typed input stays.
  await review.getByRole("button", { name: "完了を記録" }).click();
  await review.getByLabel("証跡のリンク (任意)").fill(LINK);
  await review.getByRole("button", { name: "完了にする" }).click();
  await expect(review.getByText("入力してください。")).toBeVisible();
  await expect(review.getByLabel("証跡のリンク (任意)")).toHaveValue(LINK);
  expect(await seriousViolations(page)).toEqual([]);
  await shoot(page, "compliance-form-ja");

  await review.getByLabel("確認した内容").fill(NOTE);
  await review.getByRole("button", { name: "完了にする" }).click();
  await expect(page.getByRole("status").getByText("完了を記録しました。")).toBeVisible();

  const done = page.locator('[data-testid="compliance-task"][data-kind="ip_allowlist_monthly"][data-status="done"]').filter({ hasText: monthName("ja-JP") });
  await expect(done).toHaveCount(1);
  await expect(done.getByText("完了", { exact: true })).toBeVisible();
  await expect(done.getByText(NOTE)).toBeVisible();
  await expect(done.getByRole("link", { name: LINK })).toHaveAttribute("href", LINK);
  const latest = page.getByTestId("compliance-history").locator("tbody tr").first();
  await expect(latest).toContainText(NOTE);
  await expect(latest).toContainText("伊藤 誠");
  await expect(latest).toContainText("IPアクセス制限の見直し");
  await shoot(page, "compliance-done-ja");

  // In English: the same record in English words.
  await new Console(page).switchLanguage("English");
  await expect(page.getByRole("heading", { level: 1, name: "Compliance" })).toBeVisible();
  await page.reload();
  const doneEn = page.locator('[data-testid="compliance-task"][data-kind="ip_allowlist_monthly"][data-status="done"]').filter({ hasText: monthName("en-US") });
  await expect(doneEn.getByText("IP allowlist review")).toBeVisible();
  await expect(doneEn.getByText("Done", { exact: true })).toBeVisible();
  await shoot(page, "compliance-en");
  await page.goto("/");
  await expect(page.getByRole("link", { name: /Compliance overdue/ })).toBeVisible();
  await shoot(page, "dashboard-compliance-en");
  await new Console(page).switchLanguage("日本語");
});

test("a member cannot reach the compliance calendar", async ({ page }) => {
  await new SignInPage(page).signInAs(demo.member, DEMO_PASSWORD);
  await expect(new Console(page).nav().getByRole("link", { name: "コンプライアンス" })).toHaveCount(0);
  const response = await page.goto("/compliance");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "この画面を表示する権限がありません" })).toBeVisible();
});
