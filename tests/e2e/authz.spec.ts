import { expect, test } from "@playwright/test";
import { PAGES } from "@/tests/authz-matrix";
import { DEMO_PASSWORD as PASSWORD, demo } from "./fixtures/accounts";
import { SignInPage } from "./pages/sign-in-page";
const restricted = Object.entries(PAGES).filter(([, r]) => typeof r === "object");
const concrete = (url: string) => url.replace("[id]", "00000000-0000-4000-8000-000000000000").replace("[month]", "2026-01");

test("without a session every console page leads to sign-in", async ({ page }) => {
  test.setTimeout(30_000 + Object.keys(PAGES).length * 2_000);
  for (const [url] of Object.entries(PAGES).filter(([, r]) => r !== "public")) {
    await page.goto(concrete(url));
    await expect(page, url).toHaveURL(/\/sign-in/);
  }
});

test("a member lands on My Page, sees no admin areas and is refused each of them", async ({ page }) => {
  // One page load per restricted page (dozens): more than the default 30 s on a busy two-core machine.
  test.setTimeout(30_000 + restricted.length * 2_000);
  await new SignInPage(page).signInAs(demo.member, PASSWORD);
  await expect(page).toHaveURL(/\/me$/);
  await expect(page.getByRole("heading", { name: "マイページ" })).toBeVisible();
  // Their own page and their requests (容量追加) only.
  await expect(page.getByRole("navigation", { name: "メニュー" }).getByRole("link")).toHaveText(["マイページ", "申請・承認"]);
  for (const [url] of restricted) {
    const response = await page.goto(concrete(url));
    expect(response?.status(), url).toBe(403);
    await expect(page.getByRole("heading", { name: "この画面を表示する権限がありません" }), url).toBeVisible();
  }
});

test("a line operator sees only the areas of their role", async ({ page }) => {
  await new SignInPage(page).signInAs(demo.lines, PASSWORD);
  const nav = page.getByRole("navigation", { name: "メニュー" });
  await expect(nav.getByRole("link", { name: "回線・SIM" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "アカウント (OCN ID)" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "監査ログ" })).toHaveCount(0);
  expect((await page.goto("/audit"))?.status()).toBe(403);
});

test("one organization's account is not found from another organization", async ({ page }) => {
  await new SignInPage(page).signInAs(demo.otherOrgAdmin, PASSWORD);
  await page.goto("/accounts");
  const total = Number((await page.getByText(/全 [\d,]+ 件/).first().innerText()).replace(/[^\d]/g, ""));
  expect(total).toBeLessThan(20);
  await page.goto("/accounts?q=minato-shoji");
  await expect(page.getByText("条件に一致するアカウントはありません。")).toBeVisible();
});
