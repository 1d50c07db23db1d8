import { expect, type Page } from "@playwright/test";

export class Console {
  constructor(private readonly page: Page) {}

  nav() {
    return this.page.getByRole("navigation", { name: /メニュー|Menu/ });
  }

  async openFromNav(label: RegExp) {
    await this.nav().getByRole("link", { name: label }).click();
  }

  async switchLanguage(to: "日本語" | "English") {
    await this.page.getByRole("group", { name: /言語|Language/ }).getByRole("button", { name: to }).click();
  }

  async signOut() {
    await this.page.getByRole("button", { name: /サインアウト|Sign out/ }).click();
    await expect(this.page).toHaveURL(/\/sign-in/);
  }
}

export class AccountsPage {
  constructor(private readonly page: Page) {}

  heading() {
    return this.page.getByRole("heading", { level: 1 });
  }

  rows() {
    return this.page.locator("table tbody tr");
  }

  async total(): Promise<number> {
    const text = await this.page.getByText(/全 [\d,]+ 件|[\d,]+ in total/).first().innerText();
    return Number(text.replace(/[^\d]/g, ""));
  }

  async search(text: string) {
    await this.page.getByRole("searchbox").fill(text);
    await this.page.getByRole("button", { name: /絞り込む|Filter/ }).click();
  }
}
