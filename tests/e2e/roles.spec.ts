import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, demo } from "./fixtures/accounts";
import { RolesPage } from "./pages/roles-page";
import { SignInPage } from "./pages/sign-in-page";

const run = Date.now().toString(36);
// An empty matrix cell reads "—" with "なし" for screen readers.
const none = /^—\s*なし$/;
// The demo seed's account admin: accounts:manage, but no audit permission.
const ACCOUNT_ADMIN = demo.admin.replace(/^admin@/, "accounts@");

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
}

test.describe("as an org admin", () => {
  // One sign-in for the group: each one-time code is accepted once.
  test.describe.configure({ mode: "serial" });
  let page: Page;
  test.beforeAll(async ({ browser }) => {
    // A page of its own context: axe-core needs one.
    page = await (await browser.newContext()).newPage();
    await new SignInPage(page).signInAs(demo.admin, DEMO_PASSWORD);
  });
  test.afterAll(() => page.context().close());

  test("the matrix shows the built-in roles in their fixed order, with levels and the legend", async () => {
    const roles = new RolesPage(page);
    await roles.gotoMatrix();
    expect((await roles.matrixRoleNames()).slice(0, 7)).toEqual(["組織管理者", "アカウント管理者", "回線担当", "請求担当", "セキュリティ監査", "人事", "利用者"]);
    const auditor = roles.matrixRow("セキュリティ監査");
    await expect(auditor.locator("td")).toHaveText(["閲覧", "閲覧", none, "管理", "管理", "管理", none, none, /\d+ 名/]);
    await expect(roles.matrixRow("組織管理者")).toContainText("職務分離の対象外");
    await expect(page.getByText(/変更を申請できます。実行には、管理権限を持つ別の人の承認が必要です/)).toBeVisible();
  });

  test("creates a custom role and sees it in the matrix", async () => {
    const roles = new RolesPage(page);
    await roles.gotoMatrix();
    await roles.openCreateForm();
    const name = `請求照会 ${run}`;
    await page.getByLabel("ロール名").fill(name);
    await page.getByLabel(/^説明/).fill("経理部の月次確認用");
    await roles.chooseLevel("請求", "閲覧");
    await roles.chooseLevel("回線", "閲覧");
    await page.getByRole("button", { name: "作成" }).click();

    await expect(page).toHaveURL(/\/roles\/[0-9a-f-]{36}\?saved=created$/);
    await expect(page.getByRole("status")).toContainText(`カスタムロール「${name}」を作成しました。`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
    await roles.gotoMatrix();
    await expect(roles.matrixRow(name).locator("td")).toHaveText([none, "閲覧", "閲覧", none, none, none, none, none, "0 名"]);
  });

  test("a role that breaks a rule by itself is flagged while it is being made; a taken name is explained and the input kept", async () => {
    const roles = new RolesPage(page);
    await page.goto("/roles/new");
    await page.getByLabel("ロール名").fill("組織管理者");
    await roles.chooseLevel("監査", "管理");
    await roles.chooseLevel("アカウント", "管理");
    await expect(page.getByTestId("own-conflicts")).toContainText("監査とアカウント管理");
    await page.getByRole("button", { name: "作成" }).click();
    await expect(page.getByLabel("ロール名")).toHaveAccessibleDescription(/この名前のロールはすでにあります/);
    await expect(page.getByLabel("ロール名")).toHaveValue("組織管理者");
    await expect(roles.levelOption("監査", /管理/)).toBeChecked();
  });

  test("adds a separation-of-duty rule; one within a single area is refused under the field", async () => {
    const roles = new RolesPage(page);
    await roles.gotoRules();
    await expect(roles.ruleRow("監査とアカウント管理")).toContainText("監査: 管理");
    await roles.openAddRule();
    const name = `組織設定と監査 ${run}`;
    await roles.fillRule({ name, a: ["組織", "管理"], b: ["組織", "閲覧以上"] });
    await roles.ruleDialog().getByRole("button", { name: "追加" }).click();
    await expect(roles.ruleDialog().getByRole("group", { name: /権限 B/ })).toContainText("権限 A と異なる範囲を選んでください");
    await expect(roles.ruleDialog().getByLabel(/^名前$/)).toHaveValue(name);

    await roles.ruleDialog().getByRole("group", { name: /権限 B/ }).getByLabel("範囲").selectOption({ label: "監査" });
    await roles.ruleDialog().getByRole("button", { name: "追加" }).click();
    await expect(roles.ruleDialog()).toBeHidden();
    await expect(roles.notice()).toContainText(`ルール「${name}」を追加しました。`);
    const row = roles.ruleRow(name);
    await expect(row).toContainText("組織: 管理");
    await expect(row).toContainText("監査: 閲覧以上");
  });

  test("the conflicts list names the seeded account holding account admin and security auditor, and lists org admins apart", async () => {
    await page.goto("/roles/conflicts");
    const table = page.getByTestId("conflicts-table");
    const row = table.locator("tbody tr").filter({ hasText: "監査とアカウント管理" }).first();
    await expect(row).toContainText("セキュリティ監査");
    await expect(row).toContainText("アカウント管理者");
    await expect(page.getByRole("region", { name: /特権アカウント/ }).or(page.locator("section", { has: page.getByRole("heading", { name: /特権アカウント/ }) }))).toContainText("組織管理者");
  });

  for (const locale of ["ja", "en"] as const) {
    test(`the area's pages have no serious accessibility violation (${locale})`, async () => {
      // axe-core takes a few seconds per page on two cores.
      test.setTimeout(90_000);
      await page.context().addCookies([{ name: "ocn.locale", value: locale, url: new URL(page.url()).origin }]);
      for (const path of ["/roles", "/roles/sod", "/roles/conflicts", "/roles/new"]) {
        await page.goto(path);
        await page.waitForLoadState("networkidle");
        expect(await seriousViolations(page), path).toEqual([]);
      }
      await page.goto("/roles");
      await page.getByTestId("permission-matrix").locator("tbody a").nth(4).click();
      await expect(page).toHaveURL(/\/roles\/[0-9a-f-]{36}$/);
      expect(await seriousViolations(page), "role detail").toEqual([]);
    });
  }
});

test("an account admin cannot choose levels above their own, and sees the rules read-only", async ({ page }) => {
  await new SignInPage(page).signInAs(ACCOUNT_ADMIN, DEMO_PASSWORD);
  const roles = new RolesPage(page);
  await page.goto("/roles/new");
  await expect(roles.levelOption("監査", /管理/)).toBeDisabled();
  await expect(roles.levelOption("アカウント", /管理/)).toBeEnabled();
  await roles.gotoRules();
  await expect(page.getByText("閲覧のみです。")).toBeVisible();
  await expect(page.getByRole("button", { name: "ルールを追加" })).toHaveCount(0);
});
