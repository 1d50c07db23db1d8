import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { parseCsv } from "@/lib/policy/account-csv";
import { shiftJis } from "@/tests/support/shift-jis";
import { DEMO_PASSWORD, demo } from "./fixtures/accounts";
import { Console } from "./pages/console";
import { RosterPages } from "./pages/roster-pages";
import { SignInPage } from "./pages/sign-in-page";

// Issue 7's first acceptance step: HR imports a roster in which a person who is still active has left; after the
// dry run and the apply, a security auditor sees that person flagged "terminated but active" on /reviews/roster.
// Screens of both pages are saved in Japanese and English at 1280 px.
const HR = "hr@minato-shoji.example.jp";
const shots = process.env.ROSTER_SHOTS_DIR ?? "test-results";
const TODAY = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, "/");
// People the other specs sign in as or act on: not the one who leaves here.
const SPARED = /^(e2e\.|fenced@)|^(admin|member|lines|billing|security|hr|accounts)@/;

async function signedIn(browser: Browser, loginId: string): Promise<Page> {
  const page = await (await browser.newContext({ locale: "ja-JP", timezoneId: "Asia/Tokyo", viewport: { width: 1280, height: 900 } })).newPage();
  await new SignInPage(page).signInAs(loginId, DEMO_PASSWORD);
  return page;
}

/** Switches the language and waits until the page is in it, so the next navigation is too. */
async function speak(page: Page, language: "English" | "日本語") {
  await new Console(page).switchLanguage(language);
  await expect(page.getByRole("button", { name: language, pressed: true })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", language === "English" ? "en" : "ja");
}

const noSeriousViolations = async (page: Page) => {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
};

test("HR imports a roster in which an active person has left; a security auditor sees them flagged", async ({ browser }) => {
  test.setTimeout(180_000);
  const hr = await signedIn(browser, HR);

  // The roster HR's system would send, built from the organization's own accounts (the export HR may read): every
  // employee with an employee number whose account is not disabled, as active in their department, except one
  // active person, who left today.
  const exported = await hr.request.get("/api/accounts/export?sort=loginId");
  expect(exported.status()).toBe(200);
  const parsed = parseCsv((await exported.text()).replace(/^\uFEFF/, ""));
  if (!parsed.ok) throw new Error("the accounts export is not CSV");
  const [heading, ...accounts] = parsed.records;
  const col = (name: string) => heading!.indexOf(name);
  const [loginId, name, kana, number, kind, department, status] = ["OCN ID", "氏名", "フリガナ", "社員番号", "区分", "部署名", "状態"].map(col) as number[];
  const employees = accounts.filter((r) => r[kind!] === "社員" && r[number!] && r[status!] !== "無効");
  const leaver = employees.find((r) => r[status!] === "有効" && r[department!] && !SPARED.test(r[loginId!]!));
  if (!leaver) throw new Error("no active demo employee to mark as terminated");
  const leaverNumber = leaver[number!]!;
  const rows = employees.map((r) =>
    [r[number!], r[name!], r[kana!], r[department!] || "未所属", r === leaver ? "退職" : "在籍", r === leaver ? TODAY : ""].map((c) => `"${(c ?? "").replace(/"/g, '""')}"`).join(","),
  );
  const csv = new TextEncoder().encode(`\uFEFF社員番号,氏名,氏名カナ,部署,在籍区分,退職日\r\n${rows.join("\r\n")}\r\n`);

  const roster = new RosterPages(hr);
  await roster.openImport();

  // A Shift_JIS file with problems: the dry run names each by row and column, and nothing can be applied.
  const bad = ["社員番号,氏名,部署,在籍区分,退職日", "X001,山田 一郎,営業部,在籍,", "X002,鈴木 二郎,営業部,退職,", "X001,佐藤 三郎,総務部,契約終了,"].join("\r\n");
  await roster.upload("jinji_error.csv", shiftJis(bad));
  await expect(hr.getByTestId("roster-preview-file")).toContainText("jinji_error.csv ・ Shift_JIS ・ 3 行");
  await expect(roster.previewCount("error")).toHaveText("3");
  await expect(roster.previewRow("X002")).toContainText("3 行目「退職日」: 在籍区分が退職の人は退職日を入力してください。");
  await expect(roster.previewRow("X001").last()).toContainText("4 行目「社員番号」: 社員番号「X001」が 2, 4 行目にあります。1 人 1 行にしてください。");
  await expect(roster.previewRow("X001").last()).toContainText("4 行目「在籍区分」: 在籍区分「契約終了」は読み取れません。");
  await expect(roster.applyButton()).toBeDisabled();
  await hr.getByText("CSV の書き方").click();
  await hr.screenshot({ path: `${shots}/roster-import-errors-ja.png`, fullPage: true });

  // The good file: the dry run names the change, then the roster is replaced.
  await roster.upload("jinji_roster.csv", csv);
  await expect(hr.getByTestId("roster-preview-file")).toContainText(`jinji_roster.csv ・ UTF-8 (BOM あり) ・ ${employees.length} 行`);
  await expect(roster.previewCount("error")).toHaveText("0");
  await expect(roster.previewRow(leaverNumber)).toContainText(/更新|新規/);
  await expect(roster.previewRow(leaverNumber)).toContainText("退職");
  await expect(roster.applyButton()).toBeEnabled();
  await noSeriousViolations(hr);
  await hr.screenshot({ path: `${shots}/roster-import-ja.png`, fullPage: true });
  await roster.applyButton().click();
  await expect(roster.summary()).toContainText("jinji_roster.csv", { timeout: 60_000 });

  // The import page in English, with the same file checked again (nothing left to change for this person).
  await speak(hr, "English");
  await roster.openImport();
  await roster.upload("jinji_roster.csv", csv);
  await expect(roster.previewCount("error")).toHaveText("0");
  await expect(hr.getByRole("button", { name: /^Replace the roster/ })).toBeEnabled();
  await hr.screenshot({ path: `${shots}/roster-import-en.png`, fullPage: true });

  // A security auditor sees the leaver flagged, high severity, first; the count says so too.
  const auditor = await signedIn(browser, demo.security);
  const view = new RosterPages(auditor);
  await view.open();
  await expect(auditor.getByTestId("roster-current")).toContainText("jinji_roster.csv");
  const flagged = view.difference("hr_status", leaverNumber);
  await expect(flagged).toContainText("退職済みなのに有効");
  await expect(flagged).toContainText("高");
  await expect(flagged).toContainText(`退職日 ${TODAY}`);
  await expect(view.count("hr_status")).toContainText(/うち退職 [\d,]+ 人/);
  await expect(auditor.getByTestId("roster-history").locator("tbody tr").first()).toContainText("jinji_roster.csv");
  await noSeriousViolations(auditor);
  await auditor.screenshot({ path: `${shots}/roster-ja.png`, fullPage: true });

  // The other kinds of difference each have their table (or a plain "no differences").
  await view.count("no_account").click();
  await expect(auditor).toHaveURL(/category=no_account/);
  await expect(auditor.getByTestId("roster-table-no_account")).toContainText("違いはありません");

  await speak(auditor, "English");
  await view.open();
  await expect(view.difference("hr_status", leaverNumber)).toContainText("Terminated but active");
  await auditor.screenshot({ path: `${shots}/roster-en.png`, fullPage: true });

  // The flag links to the account.
  await view.difference("hr_status", leaverNumber).getByRole("link").first().click();
  await expect(auditor).toHaveURL(/\/accounts\/[0-9a-f-]{36}$/);
  await speak(auditor, "日本語");
  await speak(hr, "日本語");
});
