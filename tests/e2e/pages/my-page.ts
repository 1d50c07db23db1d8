import { expect, type Page } from "@playwright/test";

/** /me: the member's own page, one section per area. */
export class MyPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/me");
    await expect(this.page.getByRole("heading", { level: 1 })).toHaveText(/マイページ|My Page/);
  }

  section(id: "profile" | "contact" | "notifications" | "lines" | "password" | "two-step" | "sign-ins") {
    return this.page.locator(`section#${id}`);
  }

  /** One of the member's lines in the lines section, by phone number. */
  line(phoneNumber: string) {
    return this.section("lines").getByTestId("my-line").filter({ hasText: phoneNumber });
  }

  /** The line's capacity this month (plan + add-ons), as its usage line says it: "7.5 GB / 12.0 GB" → 12. */
  async capacityGb(phoneNumber: string): Promise<number> {
    const text = await this.line(phoneNumber).getByTestId("line-usage").innerText();
    const match = /\/\s*([\d,.]+) GB$/.exec(text.trim());
    expect(match, `a capacity in "${text}"`).not.toBeNull();
    return Number(match![1]!.replace(/,/g, ""));
  }

  /** Opens the line's 容量追加 request form and returns it. */
  async openAddonForm(phoneNumber: string) {
    const line = this.line(phoneNumber);
    await line.locator("summary").click();
    const form = line.getByRole("region", { name: /^(容量追加を申請する|Request a data add-on)$/ });
    await expect(form).toBeVisible();
    return form;
  }

  contactEmail() {
    return this.page.getByTestId("contact-email");
  }

  pendingChange() {
    return this.page.getByTestId("pending-email-change");
  }

  async requestEmailChange(address: string, currentPassword: string) {
    await this.section("contact").getByLabel(/^(新しいメールアドレス|New address)$/).fill(address);
    await this.section("contact").getByLabel(/^(現在のパスワード|Current password)$/).fill(currentPassword);
    await this.section("contact").getByRole("button", { name: /確認メールを送信|Send confirmation mail/ }).click();
  }

  signInRow(text: string) {
    return this.section("sign-ins").getByTestId("my-sign-in").filter({ hasText: text });
  }

  async reportSignIn(text: string) {
    await this.signInRow(text).getByRole("button", { name: /心当たりがない|This wasn't me/ }).click();
    const dialog = this.page.getByRole("dialog");
    await expect(dialog).toContainText(text);
    await dialog.getByRole("button", { name: /^(報告する|Report)$/ }).click();
  }

  passwordOffer() {
    return this.page.getByTestId("password-offer");
  }

  currentPasswordField() {
    return this.section("password").getByLabel(/^(現在のパスワード|Current password)$/);
  }
}

/** The outbox (admins): the link a mail carries, path and query, for a browser to open. */
export async function linkFromOutbox(page: Page, subject: RegExp, mentioning: string, prefix: string): Promise<string> {
  await page.goto("/outbox");
  const mail = page.getByRole("article", { name: subject }).filter({ hasText: mentioning }).first();
  await expect(mail).toBeVisible();
  const text = await mail.innerText();
  const url = new RegExp(`https?://\\S+${prefix.replace(/[/?]/g, (c) => `\\${c}`)}\\S+`).exec(text);
  expect(url, `a link to ${prefix} in the mail mentioning ${mentioning}`).not.toBeNull();
  const parsed = new URL(url![0]);
  return `${parsed.pathname}${parsed.search}`;
}
