import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, demo } from "./fixtures/accounts";
import { Console } from "./pages/console";
import { LineImportPage, LineStatePanel, LinesListPage } from "./pages/lines-pages";
import { SignInPage } from "./pages/sign-in-page";

// Lines & SIMs as the demo admin: filter the list, open a line, try a port-out with an expired MNP reservation number
// and see the refusal, import a CSV with a duplicate ICCID and see both rows named. Screenshots in Japanese and English.
const run = Date.now().toString().slice(-7);
const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/lines-${name}.png`, fullPage: true });

test("filter, a refused port-out and a refused import, in Japanese then English", async ({ page }) => {
  test.setTimeout(120_000);
  await new SignInPage(page).signInAs(demo.admin, DEMO_PASSWORD);

  for (const lang of ["ja", "en"] as const) {
    if (lang === "en") await new Console(page).switchLanguage("English");
    const list = new LinesListPage(page);
    await list.filter({ status: "active", simType: "physical", holder: "assigned" });
    await expect(page).toHaveURL(/status=active/);
    await expect(page).toHaveURL(/simType=physical/);
    await expect(page).toHaveURL(/holder=assigned/);
    const rows = list.rows();
    expect(await rows.count()).toBeGreaterThan(0);
    for (const text of await rows.locator("td:nth-child(5)").allInnerTexts()) expect(text).toBe(lang === "ja" ? "利用中" : "Active");
    for (const text of await rows.locator("td:nth-child(3)").allInnerTexts()) expect(text).toBe("SIM");
    await shot(page, `list-${lang}`);

    // Open the first line and try to port it out with a reservation that expired.
    const phone = (await rows.first().locator("td").first().innerText()).trim();
    await rows.first().getByRole("link", { name: phone }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(phone);
    await new LineStatePanel(page).portOut("０１２３４５６７８９", "2025-01-10T18:00");
    const error = page.locator("#mnp-expires-error, [id^='mnp-expires'][id$='error']").first();
    const expected = lang === "ja" ? /MNP予約番号 0123456789 の有効期限 \(2025\/01\/10 18:00\) が切れています/ : /The MNP reservation number 0123456789 expired on 2025\/01\/10 18:00/;
    await expect(page.getByText(expected)).toBeVisible();
    void error;
    // Nothing changed: the line is still active.
    await expect(page.locator("h1 + span")).toHaveText(lang === "ja" ? "利用中" : "Active");
    await shot(page, `port-out-refused-${lang}`);

    // An import whose rows 2 and 4 share an ICCID: both rows are named, and nothing can be applied.
    const importPage = new LineImportPage(page);
    await importPage.openFromList();
    const iccid = `89811099${run}0001`.slice(0, 19);
    const csv = [
      "電話番号,ICCID,SIM種別,プラン,データ容量GB,国際ローミング",
      `070-91${run.slice(0, 2)}-${run.slice(2, 6)},${iccid},物理,OCNモバイル 10GB,10,オフ`,
      `070-92${run.slice(0, 2)}-${run.slice(2, 6)},89811098${run}0002,eSIM,OCNモバイル 10GB,10,オフ`,
      `070-93${run.slice(0, 2)}-${run.slice(2, 6)},${iccid},物理,OCNモバイル 10GB,10,オフ`,
    ].join("\r\n");
    await importPage.upload("回線.csv", new TextEncoder().encode(`\uFEFF${csv}`));
    for (const row of [2, 4]) {
      await expect(importPage.previewRow(row)).toContainText(lang === "ja" ? `ICCID ${iccid} がファイル内の 2, 4 行目に重複しています。` : `ICCID ${iccid} appears in rows 2, 4.`);
    }
    await expect(importPage.applyButton()).toBeDisabled();
    await shot(page, `import-duplicate-${lang}`);
  }
});
