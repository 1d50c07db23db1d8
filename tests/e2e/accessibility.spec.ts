import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, demo, e2eAccounts } from "./fixtures/accounts";
import { SignInPage } from "./pages/sign-in-page";

// axe-core finds no serious or critical violation on the pages a person meets, in Japanese and in English.
async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
}

const CONSOLE_PAGES = ["/", "/accounts", "/accounts/new", "/security/network", "/security/policies", "/outbox", "/me", "/lines"];

test("the check itself catches a serious violation (an input without a label)", async ({ page }) => {
  await page.goto("/sign-in");
  await page.evaluate(() => document.querySelector("form")!.append(Object.assign(document.createElement("input"), { type: "text" })));
  expect((await seriousViolations(page)).join("\n")).toContain("label");
});

test("the sign-in pages have no serious accessibility violation", async ({ page }) => {
  for (const path of ["/sign-in", "/sign-in/reset", "/sign-in/forgot-id", "/sign-in/invitation/no-such-token"]) {
    await page.goto(path);
    expect(await seriousViolations(page), path).toEqual([]);
  }
});

for (const locale of ["ja", "en"] as const) {
  test(`the console pages have no serious accessibility violation (${locale})`, async ({ page, context, baseURL }) => {
    // A sign-in, then axe-core on ten screens: longer than one page's default 30 s.
    test.setTimeout(120_000);
    await context.addCookies([{ name: "ocn.locale", value: locale, url: baseURL! }]);
    await new SignInPage(page).signInAs(demo.admin, DEMO_PASSWORD);
    for (const path of CONSOLE_PAGES) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      expect(await seriousViolations(page), path).toEqual([]);
    }
    await page.goto("/accounts");
    await page.locator("table tbody tr a").first().click();
    await expect(page).toHaveURL(/\/accounts\/[0-9a-f-]{36}$/);
    expect(await seriousViolations(page), "account detail").toEqual([]);
    await page.goto(`/accounts?q=${encodeURIComponent(e2eAccounts.numberHolder)}`);
    await page.locator("table tbody tr a").first().click();
    await expect(page).toHaveURL(/\/accounts\/[0-9a-f-]{36}$/);
    await page.getByRole("tab", { name: /^(権限|Permissions)$/ }).click();
    await page.getByRole("button", { name: /^(ロールを付与|Grant role)$/ }).click();
    await expect(page.getByRole("dialog")).toBeVisible();
    expect(await seriousViolations(page), "grant dialog").toEqual([]);
    await page.goto(`${new URL(page.url()).pathname}/edit`);
    await expect(page).toHaveURL(/\/accounts\/[0-9a-f-]{36}\/edit$/);
    expect(await seriousViolations(page), "account edit").toEqual([]);
  });
}
