import { expect, test } from "@playwright/test";
import { SignInPage } from "./pages/sign-in-page";
import { E2E_PASSWORD, e2eAccounts } from "./fixtures/accounts";

test("a security auditor filters the audit log by action, pages, opens an event, and is told when a CIDR is malformed", async ({ page }) => {
  await new SignInPage(page).signInAs(e2eAccounts.auditor, E2E_PASSWORD);
  await page.goto("/audit");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("監査ログ");
  await page.getByLabel("操作").fill("auth.*");
  await page.getByLabel("結果").selectOption("failure");
  await page.getByRole("button", { name: "絞り込む" }).click();
  await expect(page).toHaveURL(/action=auth\.\*.*outcome=failure/);
  const rows = page.locator("tbody tr");
  await expect(rows).toHaveCount(50);
  for (const text of await rows.locator("td:nth-child(3)").allInnerTexts()) expect(text).toMatch(/^auth\./);
  await expect(rows.locator("td:nth-child(5)").first()).toContainText("失敗");

  const firstTime = await rows.first().locator("td").first().innerText();
  await page.getByRole("link", { name: "さらに古い記録" }).click();
  await expect(page).toHaveURL(/cursor=/);
  await expect(rows.first().locator("td").first()).not.toHaveText(firstTime);

  await rows.first().locator("td a").click();
  await expect(page).toHaveURL(/\/audit\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^auth\./);
  await expect(page.getByText("イベント ID")).toBeVisible();

  await page.goto("/audit?ip=10.0.0.300");
  await expect(page.locator("#audit-ip-error")).toContainText("「10.0.0.300」は IP アドレスまたは CIDR");
  await expect(page.getByText("条件に一致する記録はありません。")).toBeVisible();
});
