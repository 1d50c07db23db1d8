import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { shiftJis } from "@/tests/support/shift-jis";
import { E2E_PASSWORD, e2eAccounts } from "./fixtures/accounts";
import { AccountImportPage } from "./pages/account-import-page";
import { AccountsPage } from "./pages/console";
import { SignInPage } from "./pages/sign-in-page";

// Bulk import from CSV: a Shift_JIS file with a bad row is stopped at the dry run; a good one applies with progress.
const run = Date.now().toString(36);
const HEADER = "OCN ID,氏名,フリガナ,メールアドレス,社員番号,部署コード,区分,委託先,ロール,権限期限";
const person = (i: number, department = "1110") =>
  [`imp${i}.${run}@minato-shoji.example.jp`, `取込 ${run}-${i}`, "トリコミ", `imp${i}.${run}@minato-shoji.example.jp`, `IMP${run}${i}`.toUpperCase().slice(0, 20), department, "社員", "", "利用者", ""].join(",");

test("a Shift_JIS file with a bad row is refused at the dry run; a good file applies with progress and the accounts appear", async ({ page }) => {
  test.setTimeout(180_000);
  await new SignInPage(page).signInAs(e2eAccounts.admin2, E2E_PASSWORD);
  const importPage = new AccountImportPage(page);
  await importPage.openFromAccounts();

  // Row 3 names a department that does not exist.
  await importPage.upload("人事システム出力.csv", shiftJis([HEADER, person(1), person(2, "9999"), person(3)].join("\r\n")));
  await expect(page.getByText(/Shift_JIS ・ 3 行/)).toBeVisible();
  await expect(importPage.previewRow(3)).toContainText("エラー");
  await expect(importPage.previewRow(3)).toContainText("3 行目「部署コード」: 部署コード「9999」はこの組織にありません。");
  await expect(importPage.applyButton()).toBeDisabled();
  await expect(page.getByText(/エラーが 1 行あります/)).toBeVisible();
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await importPage.showRows(/すべて/);
  await expect(importPage.previewRow(2)).toContainText("新規");

  // A good file: enough rows that the write takes a moment, so its progress shows.
  const rows = Array.from({ length: 150 }, (_, i) => person(100 + i));
  await importPage.upload("新入社員.csv", new TextEncoder().encode(`\uFEFF${[HEADER, ...rows].join("\r\n")}`));
  await expect(page.getByText(/UTF-8 \(BOM あり\) ・ 150 行/)).toBeVisible();
  await expect(importPage.applyButton()).toBeEnabled();
  await expect(importPage.applyButton()).toHaveText("新規 150 件を招待し、0 件を更新する");
  await importPage.applyButton().click();
  await expect(importPage.progressBar()).toHaveAttribute("data-phase", "write", { timeout: 60_000 });
  await expect(importPage.summary()).toContainText("新規 150 件を招待し、0 件を更新しました", { timeout: 120_000 });

  await page.getByRole("link", { name: "アカウント一覧へ", exact: true }).click();
  const accounts = new AccountsPage(page);
  await accounts.search(`取込 ${run}-1`);
  await expect(accounts.rows().filter({ hasText: `取込 ${run}-100` })).toContainText("招待中");
  await accounts.search(`取込 ${run}`);
  expect(await accounts.total()).toBe(150);

  // The list's export carries the same filter, in the headings the import reads.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "CSVエクスポート" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^accounts-\d{8}-\d{4}\.csv$/);
  const csv = fs.readFileSync(await download.path(), "utf8");
  expect(csv.startsWith('\uFEFF"OCN ID","氏名","フリガナ","メールアドレス"')).toBe(true);
  expect(csv.trim().split("\r\n")).toHaveLength(151);
});
