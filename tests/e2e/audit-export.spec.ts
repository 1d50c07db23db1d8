import AxeBuilder from "@axe-core/playwright";
import { expect, request as playwrightRequest, test } from "@playwright/test";
import fs from "node:fs";
import { SignInPage } from "./pages/sign-in-page";
import { E2E_PASSWORD, e2eAccounts } from "./fixtures/accounts";

test("a security auditor filters the audit log and exports it as CSV: BOM, CRLF, formula cells neutralised", async ({ page }) => {
  await new SignInPage(page).signInAs(e2eAccounts.auditor, E2E_PASSWORD);
  await page.goto("/audit");
  await page.getByLabel("操作").fill("e2e.formula_probe");
  await page.getByRole("button", { name: "絞り込む" }).click();
  await expect(page).toHaveURL(/action=e2e\.formula_probe/);
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await page.screenshot({ path: "test-results/audit-export-ja.png" });
  const exportLink = page.getByRole("link", { name: "CSV (Excel 向け)" });
  await expect(exportLink).toHaveAttribute("href", /action=e2e\.formula_probe.*format=csv/);
  const [download] = await Promise.all([page.waitForEvent("download"), exportLink.click()]);
  expect(download.suggestedFilename()).toMatch(/^audit-log_\w+_start_\d{8}-\d{4}\.csv$/);
  const bytes = fs.readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString("utf8");
  const lines = text.split("\r\n");
  expect(lines).toHaveLength(3);
  expect(lines[0]).toContain('"イベントID","日時 (日本時間)","実行者"');
  expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"",""開く"")"`);
  expect(lines[1]).toContain(`"'@SUM(A1:A9)"`);
  expect(lines[2]).toBe("");
});

test("an org admin creates an API key, sees it once, sends events with it (a replay adds nothing), then revokes it", async ({ page, baseURL }) => {
  await new SignInPage(page).signInAs(e2eAccounts.admin, E2E_PASSWORD);
  await page.goto("/settings");
  await page.getByRole("link", { name: /API キー/ }).click();
  await expect(page).toHaveURL(/\/settings\/api-keys$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("API キー");

  await page.getByRole("button", { name: "API キーを発行" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("名前").fill("E2E メール連携");
  await dialog.getByRole("button", { name: "発行する" }).click();
  await expect(dialog.getByRole("heading", { name: "API キーを発行しました" })).toBeVisible();
  await expect(dialog.getByText("このキーが表示されるのは今だけです")).toBeVisible();
  const key = await dialog.getByTestId("api-key-value").inputValue();
  expect(key).toMatch(/^ocnk_[0-9a-f]{10}_[A-Za-z0-9_-]{43}$/);
  await page.screenshot({ path: "test-results/api-keys-created-ja.png" });
  await dialog.getByRole("button", { name: "保存したので閉じる" }).click();
  await expect(dialog).toBeHidden();
  const row = page.locator("tbody tr", { hasText: "E2E メール連携" });
  await expect(row).toContainText(`${key.slice(0, 15)}_…`);
  await expect(row).toContainText("有効");
  await expect(row).toContainText("未使用");
  expect(await page.content(), "the key is not shown again").not.toContain(key);

  // Another OCN service: no cookies, no Origin, only the key.
  const service = await playwrightRequest.newContext({ baseURL });
  const events = { events: [{ id: `e2e-${Date.now()}`, occurredAt: new Date().toISOString(), source: "mail", loginId: e2eAccounts.victim, outcome: "failure", reason: "bad_password", ip: "203.0.113.45" }] };
  const first = await service.post("/api/v1/events", { headers: { authorization: `Bearer ${key}` }, data: events });
  expect(first.status(), await first.text()).toBe(200);
  expect(await first.json()).toMatchObject({ accepted: 1, duplicates: 0 });
  const replay = await service.post("/api/v1/events", { headers: { authorization: `Bearer ${key}` }, data: events });
  expect(await replay.json()).toMatchObject({ accepted: 0, duplicates: 1 });
  const keyless = await service.post("/api/v1/events", { data: events });
  expect(keyless.status()).toBe(401);

  // Ingested events feed the same detections, right after the batch commits: failures from one address against 12
  // different IDs within minutes are a password spray, and the alert appears in the list for this address.
  const sprayIp = `198.51.100.${100 + Math.floor(Math.random() * 100)}`;
  const stamp = Date.now();
  const spray = Array.from({ length: 12 }, (_, i) => ({
    id: `e2e-spray-${stamp}-${i}`,
    occurredAt: new Date(stamp - (12 - i) * 10_000).toISOString(),
    source: "webmail",
    loginId: `nobody-${stamp}-${i}@example.jp`,
    outcome: "failure",
    reason: "unknown_id",
    ip: sprayIp,
  }));
  const sprayed = await service.post("/api/v1/events", { headers: { authorization: `Bearer ${key}` }, data: { events: spray } });
  expect(await sprayed.json()).toMatchObject({ accepted: 12 });
  await expect(async () => {
    await page.goto(`/alerts?q=${encodeURIComponent(sprayIp)}`);
    await expect(page.locator("tbody tr", { hasText: sprayIp })).toContainText("パスワードスプレー", { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await page.goto("/settings/api-keys");

  await page.reload();
  await expect(row).not.toContainText("未使用");
  await page.screenshot({ path: "test-results/api-keys-ja.png", fullPage: true });
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await page.context().addCookies([{ name: "ocn.locale", value: "en", url: baseURL! }]);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("API keys");
  await page.screenshot({ path: "test-results/api-keys-en.png", fullPage: true });
  await page.getByRole("button", { name: "Revoke: E2E メール連携" }).click();
  await expect(page.getByRole("dialog")).toContainText("will be refused at once");
  await page.screenshot({ path: "test-results/api-keys-revoke-en.png" });
  await page.context().addCookies([{ name: "ocn.locale", value: "ja", url: baseURL! }]);
  await page.reload();

  await page.getByRole("button", { name: "無効化: E2E メール連携" }).click();
  await expect(page.getByRole("dialog")).toContainText("すぐにすべて拒否され");
  await page.getByRole("dialog").getByRole("button", { name: "無効化する" }).click();
  await expect(row).toContainText("無効化済み");
  const revoked = await service.post("/api/v1/events", { headers: { authorization: `Bearer ${key}` }, data: { events: [{ ...events.events[0], id: `e2e-after-${Date.now()}` }] } });
  expect(revoked.status()).toBe(401);
  await service.dispose();
});
