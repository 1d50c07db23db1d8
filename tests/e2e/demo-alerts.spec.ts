import holidayJp from "@holiday-jp/holiday_jp";
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, demo } from "./fixtures/accounts";
import { SignInPage } from "./pages/sign-in-page";

// The demo's sign-in history (prisma/seed.ts) goes through the same detection rules as live sign-ins: its holiday,
// night and foreign sign-ins must be waiting as alerts for the security team, each saying why it fired.

const DAY_MS = 86_400_000;
const jstDate = (at: Date) => new Date(at.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);

/** The most recent Japanese public holiday before today (JST) and its name. */
function lastHoliday(): { day: string; name: string } {
  const holidays = holidayJp.holidays as Record<string, { name: string }>;
  for (let back = 1; back < 60; back++) {
    const day = jstDate(new Date(Date.now() - back * DAY_MS));
    if (holidays[day]) return { day, name: holidays[day].name };
  }
  throw new Error("no public holiday in the last 60 days");
}

test("the demo's holiday, night and foreign sign-ins are alerts that say why; one is acknowledged and resolved", async ({ page }) => {
  test.setTimeout(90_000);
  await new SignInPage(page).signInAs(demo.security, DEMO_PASSWORD);

  const holiday = lastHoliday();
  await page.goto(`/alerts?kind=off_hours_sign_in&status=all&from=${holiday.day}&to=${holiday.day}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("アラート");
  await expect(page.locator("tbody tr", { hasText: `祝日（${holiday.name}）` }).first()).toBeVisible();

  await page.goto("/alerts?kind=off_hours_sign_in&status=all");
  await expect(page.locator("tbody tr", { hasText: /時台）/ }).first()).toBeVisible();

  // Foreign sign-ins: the US, Korea and China trips were not announced; Singapore was (a travel notice), so no alert.
  await page.goto("/alerts?kind=foreign_sign_in&status=all");
  const foreign = page.locator("tbody tr");
  await expect(foreign.filter({ hasText: "CN からのサインイン" })).toHaveCount(1);
  await expect(foreign.filter({ hasText: "US からのサインイン" })).not.toHaveCount(0);
  await expect(foreign.filter({ hasText: "SG から" })).toHaveCount(0);

  // The open one from China is worked through.
  const china = foreign.filter({ hasText: "CN からのサインイン" });
  await expect(china).toContainText("未対応");
  await china.locator("td").nth(1).getByRole("link").click();
  await expect(page).toHaveURL(/\/alerts\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("alert-why")).toContainText("CN からのサインインです（許可している国: JP");
  await page.getByRole("button", { name: "対応を開始" }).click();
  await expect(page.getByTestId("alert-status")).toHaveText("対応中");
  await page.getByRole("button", { name: "解決済みにする" }).click();
  const dialog = page.getByRole("dialog", { name: "アラートを解決済みにする" });
  await dialog.getByLabel("解決内容").fill("本人の出張と確認。渡航の届け出を追加。");
  await dialog.getByRole("button", { name: "解決済みにする" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId("alert-status")).toHaveText("解決済み");

  await page.goto("/alerts?kind=foreign_sign_in");
  await expect(page.locator("tbody tr", { hasText: "CN からのサインイン" })).toHaveCount(0);
});
