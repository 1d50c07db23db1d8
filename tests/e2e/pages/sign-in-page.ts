import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { totpCode, totpStep } from "@/lib/policy/totp";
import { demoTotpSecret } from "@/prisma/demo-totp";

// Each one-time code is accepted once per account: remember the steps this run has spent. Kept in a file as well,
// because Playwright starts a new worker after a failed test and a code spent by the old one is still spent.
const spentFile = path.join(os.tmpdir(), `ocn-e2e-otp-spent-${process.env.E2E_PORT ?? 3100}.json`);

function readSpent(): Record<string, number> {
  try {
    return JSON.parse(fs.readFileSync(spentFile, "utf8")) as Record<string, number>;
  } catch {
    return {};
  }
}

export async function unusedCode(loginId: string): Promise<string> {
  for (;;) {
    const now = new Date();
    const spent = readSpent();
    const last = spent[loginId] ?? -1;
    for (const offset of [0, 1]) {
      if (totpStep(now) + offset > last) {
        spent[loginId] = totpStep(now) + offset;
        fs.writeFileSync(spentFile, JSON.stringify(spent));
        return totpCode(demoTotpSecret(loginId), now, offset);
      }
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export class SignInPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/sign-in");
  }

  /** Fills and submits the first step, and waits for the server's answer before anything else is typed. */
  async signIn(loginId: string, password: string) {
    await this.page.getByLabel(/OCN ID/).fill(loginId);
    await this.page.getByLabel(/^(パスワード|Password)$/).fill(password);
    const answered = this.page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/sign-in");
    await this.page.getByRole("button", { name: /^(サインイン|Sign in)$/ }).click();
    await answered;
    // React clears the form once the answer is applied (or the browser has moved on to the next step).
    const field = this.page.getByLabel(/^(パスワード|Password)$/);
    await expect
      .poll(async () => new URL(this.page.url()).pathname !== "/sign-in" || (await field.inputValue({ timeout: 500 }).catch(() => "")) === "")
      .toBe(true);
  }

  async enterOneTimeCode(loginId: string) {
    await expect(this.page).toHaveURL(/\/sign-in\/verify/);
    await this.page.getByLabel(/ワンタイムコード|One-time code/).fill(await unusedCode(loginId));
    await this.page.getByRole("button", { name: /^(確認|Verify)$/ }).click();
  }

  /** Password, then the authenticator code; waits until the console has taken over. */
  async signInAs(loginId: string, password: string) {
    await this.goto();
    await this.signIn(loginId, password);
    await this.enterOneTimeCode(loginId.normalize("NFKC").trim().toLowerCase());
    await expect(this.page).not.toHaveURL(/\/sign-in/);
  }

  async expectGenericError() {
    await expect(this.page.locator("form").getByRole("alert")).toContainText(/OCN ID またはパスワードが正しくない|OCN ID or password is wrong/);
  }
}
