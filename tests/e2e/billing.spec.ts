import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_PASSWORD, E2E_BILLING_LINE, demo } from "./fixtures/accounts";
import { amountOf, BillingOverviewPage, parseCsv, PaymentMethodForm, StatementPage } from "./pages/billing-pages";
import { LinePage, RequestPage } from "./pages/requests-page";
import { SignInPage } from "./pages/sign-in-page";

// Billing: a line operator (billing:request) asks for a new payment method, first with a holder name that is not the
// contract name, then with it; a billing manager (billing:manage) approves it and the screens show the new method. A
// statement's allocation and CSV agree with its page; a data add-on shows in this month's estimate. Screenshots in
// Japanese and English.
test.describe.configure({ mode: "serial" });

const shots = process.env.E2E_SHOTS ?? "test-results";
const shot = (page: Page, name: string) => page.screenshot({ path: `${shots}/billing-${name}.png`, fullPage: true });
const expiryYear = String(new Date().getFullYear() + 3);

let operator: Page;
let manager: Page;

async function signedInPage(browser: Browser, loginId: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await new SignInPage(page).signInAs(loginId, DEMO_PASSWORD);
  return page;
}

const setLocale = (page: Page, locale: "ja" | "en") => page.context().addCookies([{ name: "ocn.locale", value: locale, url: new URL(page.url()).origin }]);

test.beforeAll(async ({ browser }) => {
  operator = await signedInPage(browser, demo.lines);
  manager = await signedInPage(browser, demo.billing);
});
test.afterAll(async () => {
  await operator.context().close();
  await manager.context().close();
});

test("a holder name that is not the contract name is refused in words and nothing is filed; the contract name is filed", async () => {
  await operator.goto("/billing/payment");
  await expect(operator.getByRole("heading", { name: "ご契約名義" })).toBeVisible();
  await expect(operator.getByText("MINATO SHOJI CO., LTD.", { exact: true })).toBeVisible();
  const form = new PaymentMethodForm(operator);
  // The method in force (a bank account) is chosen at first; a card asks for its last four digits only.
  await expect(form.region().getByRole("radio", { name: "口座振替" })).toBeChecked();
  await form.region().getByRole("radio", { name: "クレジットカード" }).check();
  await expect(form.region().getByText("カード番号の全桁は、この画面では入力も保存もしません。", { exact: false })).toBeVisible();

  // A full card number typed where the last four go is emptied at once: it is never sent.
  await form.last4().fill("4242 4242 4242 4242");
  await expect(form.last4()).toHaveValue("");
  await expect(form.last4()).toHaveAccessibleDescription(/カード番号の全桁が入力されたため消去しました。/);

  await form.fillCard({ brand: "visa", last4: "4242", month: "12", year: expiryYear, holder: "TARO YAMADA", reason: "法人カードへの切り替え" });
  await form.submit();
  await expect(form.holder()).toHaveAccessibleDescription(/名義がご契約名義と一致しません。ご契約名義「MINATO SHOJI CO., LTD.」と同じ名義を入力してください。/);
  // What was typed stays; nothing waits for approval.
  await expect(form.holder()).toHaveValue("TARO YAMADA");
  await expect(form.last4()).toHaveValue("4242");
  await expect(form.region().getByTestId("pending-request")).toHaveCount(0);
  await operator.reload();
  await expect(form.region().getByTestId("pending-request")).toHaveCount(0);
  await expect(operator.getByRole("heading", { name: /現在のお支払い方法/ })).not.toContainText("変更申請中");

  await form.fillCard({ brand: "visa", last4: "4242", month: "12", year: expiryYear, holder: "MINATO SHOJI CO LTD", reason: "法人カードへの切り替え" });
  await form.submit();
  await expect(form.region().getByRole("status")).toContainText("変更を申請しました。承認されると反映されます。");
  const pending = form.region().getByTestId("pending-request");
  await expect(pending).toContainText("あなたが");
  await expect(pending).toContainText(/口座振替.*クレジットカード/);
  await expect(pending).toContainText("VISA");
  await expect(pending).toContainText("••••4242");
  await expect(operator.getByRole("heading", { name: /現在のお支払い方法/ })).toContainText("変更申請中");
  // The method in force does not change before the approval.
  await expect(operator.getByTestId("current-payment")).toContainText("口座振替");
  await new BillingOverviewPage(operator).open();
  await expect(operator.getByRole("region", { name: /お支払い方法/ })).toContainText("変更申請中");
});

test("a billing manager approves it; the overview, the payment page and this month's statement show the new card", async () => {
  await manager.goto("/requests");
  const row = manager.locator("table tbody tr").filter({ hasText: "お支払い方法の変更" });
  await expect(row).toHaveCount(1);
  await row.getByRole("link").first().click();
  await expect(manager.getByRole("heading", { level: 1 })).toHaveText("お支払い方法の変更");
  const request = new RequestPage(manager);
  await expect(request.diffRow(/^お支払い方法$/)).toContainText(/口座振替.*クレジットカード/);
  await expect(request.diffRow(/^カードの種類$/)).toContainText("VISA");
  await expect(request.diffRow(/^有効期限 \(年\)$/)).toContainText(`${expiryYear}年`);
  await request.approve("名義を確認しました");
  await expect(manager.getByRole("status").filter({ hasText: "申請を承認し、変更を反映しました。" })).toBeVisible();
  await expect(request.status()).toHaveText("承認済み");

  const overview = new BillingOverviewPage(manager);
  await overview.open();
  await expect(overview.paymentLabel()).toHaveText("VISA ••••4242");
  await manager.goto("/billing/payment");
  const current = manager.getByTestId("current-payment");
  await expect(current).toContainText("クレジットカード");
  await expect(current).toContainText("VISA ••••4242");
  await expect(current).toContainText(`${expiryYear}年12月`);
  await expect(current).toContainText("MINATO SHOJI CO LTD");
  const history = manager.getByRole("region", { name: "お支払い方法の変更履歴" });
  await expect(history.locator("tbody tr").filter({ hasText: "お支払い方法を変更" })).toContainText(/口座振替 → クレジットカード/);
  await overview.open();
  await manager.getByRole("link", { name: "内訳を見る" }).click();
  await expect(new StatementPage(manager).paymentMethod()).toHaveText("VISA ••••4242");
});

test("a statement shows the allocation by cost center, and its CSVs end with the page's total", async () => {
  // A month without a statement, or no month at all, is not found.
  for (const path of ["/billing/statements/2019-04", "/billing/statements/2026-13", "/billing/statements/latest"]) {
    expect((await manager.goto(path))?.status(), path).toBe(404);
  }
  const overview = new BillingOverviewPage(manager);
  await overview.open();
  const latest = overview.statementRows().first();
  await latest.getByRole("link").click();
  await expect(manager).toHaveURL(/\/billing\/statements\/\d{4}-\d{2}$/);
  const statement = new StatementPage(manager);
  const pageTotal = amountOf(await statement.total().innerText());
  expect(pageTotal).toBeGreaterThan(0);
  await expect(statement.allocation().locator("tbody tr").first()).toBeVisible();
  await expect(statement.allocation().getByTestId("allocation-total")).toContainText(await statement.total().innerText());

  const departments = await statement.downloadCsv(/^CSV \(費用負担部署別\)$/);
  expect(departments.hadBom, "Excel reads UTF-8 by its byte order mark").toBe(true);
  const rows = parseCsv(departments.text);
  expect(rows[0]).toEqual(expect.arrayContaining(["費用負担部署", "合計・税込(円)"]));
  const totalAt = rows[0]!.indexOf("合計・税込(円)");
  const totalRow = rows.at(-1)!;
  expect(totalRow[1]).toBe("合計");
  expect(Number(totalRow[totalAt])).toBe(pageTotal);
  const departmentSum = rows.slice(1, -1).reduce((s, r) => s + Number(r[totalAt]), 0);
  expect(departmentSum, "the departments add up to the statement").toBe(pageTotal);
  // The allocation on the page has one row per department of the CSV.
  await expect(statement.allocation().locator("tbody tr")).toHaveCount(rows.length - 2);

  const lines = parseCsv((await statement.downloadCsv(/^CSV \(回線別\)$/)).text);
  const lineTotalAt = lines[0]!.indexOf("合計・税込(円)");
  expect(lines.at(-1)![1]).toBe("合計");
  expect(Number(lines.at(-1)![lineTotalAt])).toBe(pageTotal);

  // A cost center of the allocation lists its own lines, totalled as the allocation says.
  const costCenterAt = rows[0]!.indexOf("費用負担部署");
  const first = rows[1]!;
  await statement.allocation().getByRole("link", { name: first[costCenterAt]!, exact: true }).click();
  await expect(manager.getByRole("heading", { name: `${first[costCenterAt]} の回線` })).toBeVisible();
  const shown = manager.getByTestId("statement-lines");
  for (const cell of await shown.locator("tbody tr td:nth-of-type(2)").allInnerTexts()) expect(cell).toBe(first[costCenterAt]);
  await expect(shown.locator("tfoot tr")).toContainText(`${first[costCenterAt]} の合計`);
  expect(amountOf(await shown.locator("tfoot tr td").last().innerText())).toBe(Number(first[totalAt]));
});

test("a line operator adds 1 GB to a line, and this month's estimate shows it", async () => {
  const overview = new BillingOverviewPage(operator);
  await overview.open();
  const before = await overview.estimate();

  const line = new LinePage(operator);
  await line.open(E2E_BILLING_LINE);
  const addons = operator.getByRole("region", { name: /の容量追加$/ });
  await expect(addons).toContainText("今月の容量追加はありません。");
  const form = operator.getByRole("region", { name: "容量を追加する" });
  await expect(form.getByRole("radio", { name: /1 GB/ })).toBeChecked();
  await expect(form).toContainText("550円 (税込)");
  await form.getByRole("button", { name: "追加する" }).click();
  await expect(form.getByRole("status")).toContainText("変更しました。");
  await expect(operator.getByTestId("addon-summary")).toHaveText("今月の追加 1 GB (上限 20 GB、あと 19 GB まで)");
  await expect(addons.locator("tbody tr")).toHaveCount(1);
  await expect(operator.getByRole("region", { name: "容量を追加する" }).getByRole("radio", { name: /1 GB/ })).toBeChecked();

  await overview.open();
  const after = await overview.estimate();
  expect(after.addonGb).toBe(before.addonGb + 1);
  // 500 yen before tax, 10% consumption tax on the invoice.
  expect(after.totalYen).toBe(before.totalYen + 550);
  await operator.getByRole("link", { name: "内訳を見る" }).click();
  const row = operator.getByTestId("statement-lines").locator("tbody tr").filter({ hasText: E2E_BILLING_LINE });
  await expect(row).toContainText("経理部");
  await expect(row.locator("td").nth(4)).toHaveText("1");
});

test("the billing pages read well and have no serious accessibility violation, in Japanese and English", async () => {
  test.setTimeout(120_000);
  const serious = async (page: Page) =>
    (await new AxeBuilder({ page }).analyze()).violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map(
        (v) =>
          `${v.id}: ${v.help} (${v.nodes
            .map((n) => n.target.join(" "))
            .slice(0, 3)
            .join(", ")})`,
      );
  const overview = new BillingOverviewPage(manager);
  await overview.open();
  const issued = new URL(
    await overview
      .statementRows()
      .first()
      .getByRole("link")
      .getAttribute("href")
      .then((h) => h!),
    manager.url(),
  ).pathname;
  const line = new LinePage(operator);
  await line.open(E2E_BILLING_LINE);
  const lineUrl = new URL(operator.url()).pathname;
  for (const locale of ["ja", "en"] as const) {
    await setLocale(manager, locale);
    await setLocale(operator, locale);
    for (const [name, path] of [
      ["overview", "/billing"],
      ["statement", issued],
      ["print", `${issued}/print`],
      ["payment", "/billing/payment"],
    ] as const) {
      await manager.goto(path);
      await manager.waitForLoadState("networkidle");
      await shot(manager, `${name}-${locale}`);
      expect(await serious(manager), `${path} (${locale})`).toEqual([]);
    }
    await operator.goto("/billing/payment");
    await shot(operator, `payment-request-${locale}`);
    await operator.goto(lineUrl);
    await operator.waitForLoadState("networkidle");
    await shot(operator, `line-addons-${locale}`);
    expect(await serious(operator), `${lineUrl} (${locale})`).toEqual([]);
  }
});
