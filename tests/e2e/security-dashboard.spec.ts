import { expect, test, type Page } from "@playwright/test";
import { SignInPage } from "./pages/sign-in-page";
import { E2E_PASSWORD, e2eAccounts } from "./fixtures/accounts";

const shots = process.env.E2E_SCREENSHOTS_DIR;
async function shoot(page: Page, name: string) {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

/** The panel (card) whose heading is `title`. */
const panel = (page: Page, title: string) => page.locator("div.rounded-lg").filter({ has: page.getByRole("heading", { name: title, exact: true }) });

test("the dashboard drills down into the audit explorer with the filter of what was clicked", async ({ page }) => {
  // Four page loads with the explorer behind each: more than the default budget on a busy two-core machine.
  test.setTimeout(90_000);
  await new SignInPage(page).signInAs(e2eAccounts.auditor, E2E_PASSWORD);
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "セキュリティの状況" })).toBeVisible();
  await expect(page.getByRole("link", { name: "直近90日" })).toHaveAttribute("aria-current", "page");
  await shoot(page, "dashboard-ja");

  // A country → the explorer shows that country's sign-ins only.
  const country = panel(page, "国・地域別のサインイン").getByRole("link").first();
  const code = (await country.innerText()).trim();
  await country.click();
  await expect(page).toHaveURL(new RegExp(`/audit\\?action=auth\\.sign_in&from=\\d{4}-\\d{2}-\\d{2}&to=\\d{4}-\\d{2}-\\d{2}&country=${code}$`));
  const rows = page.locator("tbody tr");
  await expect(rows.first().locator("td").nth(6)).toHaveText(code);
  for (const text of await rows.locator("td:nth-child(7)").allInnerTexts()) expect(text).toBe(code);
  for (const text of await rows.locator("td:nth-child(3)").allInnerTexts()) expect(text).toBe("auth.sign_in");

  // A failing IP → that address's failed sign-ins.
  await page.goto("/?range=30");
  await expect(page.getByRole("link", { name: "直近30日" })).toHaveAttribute("aria-current", "page");
  const ipLink = panel(page, "失敗の多いIPアドレス").getByRole("link").first();
  const ip = (await ipLink.innerText()).trim();
  await ipLink.click();
  await expect(page).toHaveURL(/outcome=failure/);
  await expect(page).toHaveURL(new RegExp(`ip=${ip.replaceAll(".", "\\.").replaceAll(":", "%3A")}`));
  await expect(page.locator("#audit-ip")).toHaveValue(ip);
  await expect(rows.first().locator("td").nth(5)).toHaveText(ip);
  for (const text of await rows.locator("td:nth-child(6)").allInnerTexts()) expect(text).toBe(ip);
  for (const text of await rows.locator("td:nth-child(5)").allInnerTexts()) expect(text).toContain("失敗");

  // A heatmap cell → that weekday and hour's latest hour, as a time range the explorer accepts.
  await page.goto("/?range=7");
  const cell = page.getByRole("link", { name: /^月曜 9時台/ });
  await cell.click();
  await expect(page).toHaveURL(/from=\d{4}-\d{2}-\d{2}T09%3A00&to=\d{4}-\d{2}-\d{2}T10%3A00/);
  await expect(page.locator("#audit-from")).toHaveValue(/T09:00$/);
});

test("the weekly log audit lists weeks and signs one off once; printable; English too", async ({ page, context, baseURL }) => {
  test.setTimeout(90_000);
  await new SignInPage(page).signInAs(e2eAccounts.auditor, E2E_PASSWORD);
  await page.goto("/audit");
  await page.getByRole("link", { name: "週次ログ監査" }).click();
  await expect(page).toHaveURL(/\/audit\/weekly$/);
  const rows = page.locator("tbody tr");
  await expect(rows).toHaveCount(26);
  await expect(rows.first()).toContainText("集計中");
  await shoot(page, "weekly-list-ja");

  await rows.nth(1).getByRole("link").click();
  await expect(page).toHaveURL(/\/audit\/weekly\/\d{4}-\d{2}-\d{2}$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("週次ログ監査");
  await expect(page.getByText("深夜のアクセス(22:00〜05:00 日本時間の成功したサインイン)")).toBeVisible();
  await shoot(page, "weekly-week-ja");
  await page.getByLabel("メモ(任意)").fill("異常なし。深夜のアクセスは当番の運用作業。");
  await page.getByRole("button", { name: "この週を確認済みにする" }).click();
  await expect(page.getByTestId("signed-by")).toContainText("に確認");
  await expect(page.getByText("メモ: 異常なし。深夜のアクセスは当番の運用作業。")).toBeVisible();
  await expect(page.getByRole("button", { name: "この週を確認済みにする" })).toHaveCount(0);
  await page.emulateMedia({ media: "print" });
  await expect(page.locator("aside")).toBeHidden();
  await expect(page.getByRole("button", { name: "印刷" })).toBeHidden();
  await shoot(page, "weekly-week-print-ja");
  await page.emulateMedia({ media: "screen" });

  await page.goto("/audit/weekly");
  await expect(rows.nth(1)).toContainText("確認済み");

  await context.addCookies([{ name: "ocn.locale", value: "en", url: baseURL! }]);
  await page.goto("/audit/weekly");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Weekly log audit");
  await shoot(page, "weekly-list-en");
  await rows.nth(1).getByRole("link").click();
  await expect(page.getByTestId("signed-by")).toContainText("Signed off by");
  await shoot(page, "weekly-week-en");
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Security overview" })).toBeVisible();
  await shoot(page, "dashboard-en");
});
