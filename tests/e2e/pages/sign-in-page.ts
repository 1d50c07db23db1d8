import { expect, type Page } from "@playwright/test";

export class SignInPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/sign-in");
  }

  async signIn(loginId: string, password: string) {
    await this.page.getByLabel(/OCN ID/).fill(loginId);
    await this.page.getByLabel(/パスワード|Password/).fill(password);
    await this.page.getByRole("button", { name: /サインイン|Sign in/ }).click();
  }

  /** Signs in and waits until the console has taken over from the sign-in page. */
  async signInAs(loginId: string, password: string) {
    await this.goto();
    await this.signIn(loginId, password);
    await expect(this.page).not.toHaveURL(/\/sign-in/);
  }

  async expectGenericError() {
    await expect(this.page.locator("form").getByRole("alert")).toContainText(/OCN ID またはパスワードが正しくない|OCN ID or password is wrong/);
  }
}
