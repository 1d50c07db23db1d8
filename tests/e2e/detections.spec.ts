import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "./fixtures/accounts";
import { SignInPage } from "./pages/sign-in-page";

// Demo accounts of 港商事: a security auditor (security:manage) and an account admin (security:view only).
const SECURITY_AUDITOR = "security@minato-shoji.example.jp";
const ACCOUNT_ADMIN = "accounts@minato-shoji.example.jp";

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
}

class RuleCard {
  constructor(
    private readonly page: Page,
    private readonly name: string,
  ) {}

  card() {
    return this.page.getByRole("region", { name: this.name });
  }

  field(label: string) {
    return this.card().getByLabel(label);
  }

  async save() {
    await this.card().getByRole("button", { name: "保存" }).click();
  }
}

test("a security auditor sees each rule with its settings and gets an out-of-range value refused under the field", async ({ page }) => {
  await new SignInPage(page).signInAs(SECURITY_AUDITOR, DEMO_PASSWORD);
  await page.goto("/security/detections");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("検知ルール");
  const spray = new RuleCard(page, "パスワードスプレー");
  await expect(spray.card()).toContainText("1 つの IP アドレスから 15 分間に 10 件以上のアカウントへのサインインが失敗すると検知します。");
  await expect(page.getByRole("region", { name: "時間外サインイン" })).toBeVisible();
  await expect(page.getByRole("region", { name: "営業カレンダーと許可する国" }).getByLabel("許可する国")).toHaveValue("JP");

  await spray.field("アカウント数").fill("1");
  await spray.save();
  await expect(spray.card().getByText("範囲外の値です。")).toBeVisible();
  await expect(spray.field("アカウント数")).toHaveAttribute("aria-invalid", "true");

  await spray.field("アカウント数").fill("１２");
  await spray.save();
  await expect(spray.card().getByRole("status")).toHaveText("保存しました。");
  await expect(spray.card()).toContainText("15 分間に 12 件以上");
  await spray.field("アカウント数").fill("10");
  await spray.save();
  await expect(spray.card()).toContainText("15 分間に 10 件以上");

  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: "test-results/detections-ja.png", fullPage: true });
  await page.context().addCookies([{ name: "ocn.locale", value: "en", url: new URL(page.url()).origin }]);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Detection rules");
  await page.screenshot({ path: "test-results/detections-en.png", fullPage: true });
});

test("travel notices: a security auditor adds and revokes one; an account admin only sees them", async ({ page }) => {
  await new SignInPage(page).signInAs(SECURITY_AUDITOR, DEMO_PASSWORD);
  await page.goto("/security/travel");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("出張の届け出");
  const form = page.getByRole("region", { name: "届け出を追加" });
  await form.getByLabel("OCN ID").fill("no-such-person@minato-shoji.example.jp");
  await form.getByLabel("国", { exact: true }).fill("US");
  await form.getByLabel("開始日").fill("2030-05-01");
  await form.getByLabel("終了日").fill("2030-05-03");
  await form.getByRole("button", { name: "届け出を追加" }).click();
  await expect(form.getByText("この組織にその OCN ID はありません。")).toBeVisible();

  await form.getByLabel("OCN ID").fill(ACCOUNT_ADMIN);
  await form.getByLabel("メモ（任意）").fill("e2e 米国出張");
  await form.getByRole("button", { name: "届け出を追加" }).click();
  const upcoming = page.getByRole("region", { name: "これから" });
  const row = upcoming.getByRole("row").filter({ hasText: "e2e 米国出張" });
  await expect(row).toContainText("2030/05/01 〜 2030/05/03");
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: "test-results/travel-ja.png", fullPage: true });

  page.once("dialog", (d) => d.accept());
  await row.getByRole("button", { name: "取り消す" }).click();
  await expect(page.getByRole("region", { name: "終了・取り消し済み" }).getByRole("row").filter({ hasText: "e2e 米国出張" })).toContainText("取り消し済み");
  await page.context().addCookies([{ name: "ocn.locale", value: "en", url: new URL(page.url()).origin }]);
  await page.reload();
  await page.screenshot({ path: "test-results/travel-en.png", fullPage: true });
});

test("an account admin sees the rules read-only, without save buttons", async ({ page }) => {
  await new SignInPage(page).signInAs(ACCOUNT_ADMIN, DEMO_PASSWORD);
  await page.goto("/security/detections");
  await expect(page.getByText("閲覧のみです。変更にはセキュリティの管理権限が必要です。")).toBeVisible();
  await expect(page.getByRole("button", { name: "保存" })).toHaveCount(0);
});
