import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, demo } from "./fixtures/accounts";
import { NetworkPage } from "./pages/network-page";
import { SignInPage } from "./pages/sign-in-page";

// The allowlist is never switched on here: the browser comes from 127.0.0.1, and later tests must still sign in.
const run = Date.now().toString(36);

test.describe("as an org admin", () => {
  // One sign-in for the group: each one-time code is accepted once, so signing in per test would wait for codes.
  test.describe.configure({ mode: "serial" });
  let page: Page;
  test.beforeAll(async ({ browser }) => {
    page = await browser.newPage();
    await new SignInPage(page).signInAs(demo.admin, DEMO_PASSWORD);
  });
  test.afterAll(() => page.close());

  test("an admin sees the policy, the caller's address and the seeded entries", async () => {
    const network = new NetworkPage(page);
    await network.goto();
    await expect(page.getByText("無効", { exact: true })).toBeVisible();
    await expect(page.getByTestId("current-ip")).toHaveText("127.0.0.1");
    await expect(network.row("本社 (東京都港区)")).toContainText("210.130.45.8/29");
    await expect(network.row("シンガポール出張 (第一営業部)")).toContainText("期限切れ");
  });

  test("an admin adds an office entry; a malformed CIDR is explained under the field and the typed name is kept", async () => {
    const network = new NetworkPage(page);
    await network.goto();
    const label = `名古屋営業所 ${run}`;
    await network.openAddDialog();
    await network.fillEntry({ label, cidr: "203.0.113.1/24" });
    await network.submitEntry();

    await expect(network.cidrInput()).toHaveAttribute("aria-invalid", "true");
    await expect(network.cidrInput()).toHaveAccessibleDescription(/「203\.0\.113\.1\/24」はネットワークアドレスではありません.*203\.0\.113\.0\/24 と入力してください/);
    await expect(network.labelInput()).toHaveValue(label);
    await expect(network.cidrInput()).toHaveValue("203.0.113.1/24");

    await network.cidrInput().fill("203.0.113.0/24");
    await network.submitEntry();
    await expect(network.addDialog()).toBeHidden();
    await expect(network.notice()).toContainText(`「${label}」を許可リストに追加しました。`);
    const row = network.row(label);
    await expect(row).toContainText("203.0.113.0/24");
    await expect(row).toContainText("オフィス");
    await expect(row).toContainText("有効");
    await expect(row).toContainText("期限なし");
  });

  test("a temporary entry needs a reason and shows its end in Japan time", async () => {
    const network = new NetworkPage(page);
    await network.goto();
    const label = `福岡出張 ${run}`;
    await network.openAddDialog();
    await network.fillEntry({ label, cidr: "198.51.100.23", kind: /一時許可/, validUntil: "2099-11-24T09:30" });
    await network.submitEntry();
    await expect(network.addDialog().getByLabel(/^理由/)).toHaveAccessibleDescription(/一時許可には理由を入力してください/);
    await expect(network.addDialog().getByLabel(/終了日時/)).toHaveValue("2099-11-24T09:30");

    await network.addDialog().getByLabel(/^理由/).fill("九州支社の監査対応");
    await network.submitEntry();
    await expect(network.addDialog()).toBeHidden();
    const row = network.row(label);
    await expect(row).toContainText("198.51.100.23/32");
    await expect(row).toContainText("一時許可");
    await expect(row).toContainText("2099/11/24 09:30 まで");
    await expect(row).toContainText("九州支社の監査対応");
  });

  test("revoking asks for confirmation, names the entry, and marks it revoked", async () => {
    const network = new NetworkPage(page);
    await network.goto();
    const label = `撤去予定の拠点 ${run}`;
    await network.openAddDialog();
    await network.fillEntry({ label, cidr: "192.0.2.64/26" });
    await network.submitEntry();
    await expect(network.row(label)).toContainText("有効");

    await network.openRevokeDialog(label);
    await expect(network.revokeDialog()).toContainText(`「${label}」(192.0.2.64/26) を取り消します。`);
    await network.revokeDialog().getByRole("button", { name: "キャンセル" }).click();
    await expect(network.revokeDialog()).toBeHidden();
    await expect(network.row(label)).toContainText("有効");

    await network.openRevokeDialog(label);
    await network.revokeDialog().getByRole("button", { name: /^取り消す$/ }).click();
    await expect(network.revokeDialog()).toBeHidden();
    await expect(network.notice()).toContainText(`「${label}」を取り消しました。`);
    await expect(network.row(label)).toContainText("取消済み");
    await expect(network.row(label).getByRole("button", { name: /取り消す/ })).toHaveCount(0);
  });
});

test("an account admin (security view only) sees the list without controls to change it", async ({ page }) => {
  await new SignInPage(page).signInAs("accounts@minato-shoji.example.jp", DEMO_PASSWORD);
  const network = new NetworkPage(page);
  await network.goto();
  await expect(page.getByText("閲覧のみです。")).toBeVisible();
  await expect(page.getByRole("button", { name: /許可エントリを追加|取り消す|制限を有効にする/ })).toHaveCount(0);
});
