import { expect, test } from "@playwright/test";
import { SignInPage } from "./pages/sign-in-page";
import { E2E_PASSWORD, e2eAccounts } from "./fixtures/accounts";

test("the audit log says its hash chain is intact and how many events were verified", async ({ page, context, baseURL }) => {
  await new SignInPage(page).signInAs(e2eAccounts.auditor, E2E_PASSWORD);
  await page.goto("/audit");
  const badge = page.getByRole("status").filter({ hasText: "改ざんなし" });
  await expect(badge).toBeVisible();
  // The seeded organization has thousands of events; the count is printed with separators.
  const count = Number((await badge.innerText()).match(/([\d,]+) 件を検証/)?.[1]?.replaceAll(",", ""));
  expect(count).toBeGreaterThan(1000);

  await context.addCookies([{ name: "ocn.locale", value: "en", url: baseURL! }]);
  await page.reload();
  await expect(page.getByRole("status").filter({ hasText: /^No tampering \([\d,]+ events verified\)$/ })).toBeVisible();
});
