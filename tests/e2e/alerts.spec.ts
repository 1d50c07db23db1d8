import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { E2E_ALERT_IP, E2E_PASSWORD, e2eAccounts } from "./fixtures/accounts";
import { SignInPage } from "./pages/sign-in-page";

const shots = process.env.ALERT_SHOTS_DIR;

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")})`,
    );
}

test.describe("a security auditor works an alert", () => {
  test.describe.configure({ mode: "serial" });
  let page: Page;
  let alertUrl = "";
  test.beforeAll(async ({ browser }) => {
    page = await (await browser.newContext({ locale: "ja-JP", timezoneId: "Asia/Tokyo" })).newPage();
    await new SignInPage(page).signInAs(e2eAccounts.alertHandler, E2E_PASSWORD);
  });

  test("finds the alert in the list, opens it, sees why it fired and its evidence", async () => {
    await page.goto("/alerts");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("アラート");
    // Open and acknowledged by default: the false positive about the same person is not listed.
    const rows = page.locator("tbody tr", {
      hasText: e2eAccounts.alertSubject,
    });
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: "誤検知" })).toHaveCount(0);
    await expect(page.locator("tbody tr", { hasText: E2E_ALERT_IP }).first()).toContainText("重大");

    await page.getByLabel("対象", { exact: true }).fill(e2eAccounts.alertSubject);
    await page.getByLabel("重要度").selectOption("high");
    await page.getByRole("button", { name: "絞り込む" }).click();
    await expect(page).toHaveURL(/severity=high/);
    await expect(rows).toHaveCount(1);
    const row = rows.first();
    await expect(row).toContainText("高");
    await expect(row).toContainText("未対応");
    await expect(row.locator("td").nth(3)).toHaveText("6");
    await expect(row.getByRole("link", { name: e2eAccounts.alertSubject })).toHaveAttribute("href", /^\/accounts\/[0-9a-f-]{36}$/);
    if (shots)
      await page.screenshot({
        path: `${shots}/alerts-list-ja.png`,
        fullPage: true,
      });

    await row.locator("td").nth(1).getByRole("link").click();
    await expect(page).toHaveURL(/\/alerts\/[0-9a-f-]{36}$/);
    alertUrl = page.url();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(e2eAccounts.alertSubject);
    await expect(page.getByTestId("alert-status")).toHaveText("未対応");
    const why = page.getByRole("region", { name: "検知の理由" });
    // The rule's settings as they were when it fired (failures 5 within 10 minutes).
    await expect(page.getByTestId("alert-why")).toHaveText("10 分間に 6 回失敗しました（しきい値 5 回、アカウントロックは 10 回）");
    await expect(why).toContainText(/集計する時間\s*10 分/);

    const evidence = page.getByRole("table", { name: "根拠のイベント" });
    await expect(evidence.locator("tbody tr")).toHaveCount(6);
    await expect(evidence.locator("tbody tr").first()).toContainText(E2E_ALERT_IP);
    await expect(evidence.locator("tbody tr").first()).toContainText("失敗");
    await expect(evidence.locator("tbody tr a").first()).toHaveAttribute("href", /^\/audit\/\d+$/);
    const auditLink = page.getByRole("link", { name: "監査ログで見る" });
    const href = new URL((await auditLink.getAttribute("href"))!, page.url());
    expect(href.pathname).toBe("/audit");
    expect(href.searchParams.get("actor")).toBe(e2eAccounts.alertSubject);
    expect(href.searchParams.get("action")).toBe("auth.*");
    expect(href.searchParams.get("from")).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
  });

  test("acknowledges, comments, is asked before a false positive, and resolves with a resolution", async () => {
    await page.goto(alertUrl);
    await page.getByRole("button", { name: "対応を開始" }).click();
    await expect(page.getByTestId("alert-status")).toHaveText("対応中");
    await expect(page.getByText("対応開始", { exact: true })).toBeVisible();

    await page.getByLabel("コメントを追加").fill("本人に電話で確認中です。");
    await page.getByRole("button", { name: "コメントする" }).click();
    const comments = page.getByRole("list", { name: "コメント" });
    await expect(comments).toContainText("本人に電話で確認中です。");
    await expect(comments).toContainText(e2eAccounts.alertHandler);
    await expect(page.getByLabel("コメントを追加")).toHaveValue("");

    // The dangerous step names its consequence and does nothing until confirmed.
    await page.getByRole("button", { name: "誤検知として閉じる" }).click();
    const fpDialog = page.getByRole("dialog", { name: "誤検知として閉じる" });
    await expect(fpDialog).toContainText("不正ではなかったものとして閉じられ");
    await fpDialog.getByRole("button", { name: "キャンセル" }).click();
    await expect(fpDialog).toHaveCount(0);
    await expect(page.getByTestId("alert-status")).toHaveText("対応中");

    await page.getByRole("button", { name: "解決済みにする" }).click();
    const dialog = page.getByRole("dialog", {
      name: "アラートを解決済みにする",
    });
    await dialog.getByRole("button", { name: "解決済みにする" }).click();
    await expect(dialog.getByText("入力してください。")).toBeVisible();
    await dialog.getByLabel("解決内容").fill("本人の入力ミスと確認。パスワードを変更済み。");
    await dialog.getByRole("button", { name: "解決済みにする" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId("alert-status")).toHaveText("解決済み");
    await expect(page.getByText("本人の入力ミスと確認。パスワードを変更済み。")).toBeVisible();
    await expect(page.getByRole("button", { name: "再オープン" })).toBeVisible();
    if (shots)
      await page.screenshot({
        path: `${shots}/alert-detail-ja.png`,
        fullPage: true,
      });
  });

  test("the list filtered to resolved shows it", async () => {
    await page.goto("/alerts");
    await page.getByLabel("対象", { exact: true }).fill(e2eAccounts.alertSubject);
    await page.getByLabel("状態").selectOption("resolved");
    await page.getByRole("button", { name: "絞り込む" }).click();
    await expect(page).toHaveURL(/status=resolved/);
    const row = page.locator("tbody tr", { hasText: e2eAccounts.alertSubject });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("解決済み");
    await expect(page.getByText("全 1 件")).toBeVisible();
  });

  for (const locale of ["ja", "en"] as const) {
    test(`the alert pages read in ${locale} and have no serious accessibility violation`, async () => {
      test.setTimeout(60_000);
      await page.context().addCookies([
        {
          name: "ocn.locale",
          value: locale,
          url: new URL(page.url()).origin,
        },
      ]);
      await page.goto("/alerts?status=all");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(locale === "ja" ? "アラート" : "Alerts");
      await page.waitForLoadState("networkidle");
      expect(await seriousViolations(page), "list").toEqual([]);
      if (shots && locale === "en")
        await page.screenshot({
          path: `${shots}/alerts-list-en.png`,
          fullPage: true,
        });
      await page.goto(alertUrl);
      await expect(page.getByTestId("alert-status")).toHaveText(locale === "ja" ? "解決済み" : "Resolved");
      await page.waitForLoadState("networkidle");
      expect(await seriousViolations(page), "detail").toEqual([]);
      if (shots && locale === "en")
        await page.screenshot({
          path: `${shots}/alert-detail-en.png`,
          fullPage: true,
        });
    });
  }
});
