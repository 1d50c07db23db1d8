import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "./fixtures/accounts";
import { SignInPage } from "./pages/sign-in-page";

// Demo accounts of 港商事: a security auditor (security:manage) and an account admin (security:view only).
const SECURITY_AUDITOR = "security@minato-shoji.example.jp";
const ACCOUNT_ADMIN = "accounts@minato-shoji.example.jp";

class LockoutCard {
  constructor(private readonly page: Page) {}

  card() {
    return this.page.getByRole("region", { name: "アカウントロック" });
  }

  threshold() {
    return this.card().getByLabel("ロックするまでの失敗回数");
  }

  summary() {
    return this.card().getByTestId("policy-summary");
  }

  status() {
    return this.card().getByRole("status");
  }

  async setThreshold(value: string) {
    await this.threshold().fill(value);
    await this.card().getByRole("button", { name: "保存" }).click();
  }
}

test("a security auditor changes the lockout threshold; an out-of-range value is refused under the field", async ({ page }) => {
  await new SignInPage(page).signInAs(SECURITY_AUDITOR, DEMO_PASSWORD);
  await page.goto("/security/policies");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("認証ポリシー");
  const lockout = new LockoutCard(page);
  const original = await lockout.threshold().inputValue();
  expect(original).toBe("10");
  await expect(lockout.summary()).toContainText("15 分以内に 10 回失敗すると、30 分ロックします。");

  try {
    // Full-width digits, as a Japanese input method types them.
    await lockout.setThreshold("５");
    await expect(lockout.status()).toHaveText("保存しました。");
    await expect(lockout.summary()).toContainText("15 分以内に 5 回失敗すると、30 分ロックします。");
    await page.reload();
    await expect(lockout.threshold()).toHaveValue("5");

    await lockout.setThreshold("60");
    await expect(lockout.card().getByText("3〜50 回の範囲で入力してください。")).toBeVisible();
    await expect(lockout.threshold()).toHaveAttribute("aria-invalid", "true");
    await expect(lockout.threshold()).toHaveValue("60");
    await expect(lockout.summary()).toContainText("5 回失敗すると");
  } finally {
    // Other tests rely on the demo default of 10.
    await lockout.setThreshold(original);
    await expect(lockout.status()).toHaveText("保存しました。");
    await expect(lockout.summary()).toContainText("10 回失敗すると");
  }
});

test("an account admin sees the policies read-only, and two-step verification as required", async ({ page }) => {
  await new SignInPage(page).signInAs(ACCOUNT_ADMIN, DEMO_PASSWORD);
  await page.goto("/security/policies");
  await expect(page.getByText(/閲覧のみです。/)).toBeVisible();
  await expect(new LockoutCard(page).threshold()).toBeDisabled();
  await expect(page.getByRole("button", { name: "保存" })).toHaveCount(0);
  const twoStep = page.getByRole("region", { name: "二段階認証" });
  await expect(twoStep).toContainText("必須");
  await expect(twoStep.getByRole("checkbox")).toHaveCount(0);
});
