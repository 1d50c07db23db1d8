import { expect, type Page } from "@playwright/test";
import { totpCode } from "@/lib/policy/totp";

// What an invited person goes through: the mail (read from the console's outbox), the password link, the enrolment.

export const INVITATION_SUBJECT = "【OCN ビジネスコンソール】アカウントのご案内 / Your OCN ID";

/** /outbox: the mails the console sent, newest first. */
export class OutboxPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/outbox");
  }

  mail(subject: string, mentioning: string) {
    return this.page.getByRole("article", { name: subject }).filter({ hasText: mentioning }).first();
  }

  /** The path of the first link in the mail that goes to `prefix` (e.g. /sign-in/invitation/). */
  async linkPath(subject: string, mentioning: string, prefix: string): Promise<string> {
    const text = await this.mail(subject, mentioning).innerText();
    const url = new RegExp(`https?://\\S+${prefix.replace(/\//g, "\\/")}[\\w-]+`).exec(text);
    expect(url, `a link to ${prefix} in the mail to ${mentioning}`).not.toBeNull();
    return new URL(url![0]).pathname;
  }
}

/** /sign-in/invitation/[token]: the first password. */
export class InvitationPage {
  constructor(private readonly page: Page) {}

  password() {
    return this.page.getByLabel(/^(新しいパスワード|New password)$/);
  }

  async setPassword(password: string) {
    await this.password().fill(password);
    await this.page.getByLabel(/^(新しいパスワード \(確認\)|New password \(again\))$/).fill(password);
    await this.page.getByRole("button", { name: /^(パスワードを設定|Set password)$/ }).click();
  }

  error() {
    return this.page.locator("form").getByRole("alert");
  }
}

/** /sign-in/enroll: the authenticator app's QR code and secret, then the backup codes. */
export class EnrollPage {
  constructor(private readonly page: Page) {}

  qrCode() {
    return this.page.getByRole("img", { name: /認証アプリ登録用の QR コード|QR code/ });
  }

  async secret(): Promise<string> {
    await this.page.getByText(/QR コードを読み取れない場合|Can.t scan/).click();
    return (await this.page.getByTestId("totp-secret").innerText()).replace(/\s/g, "");
  }

  /** Enters the code an authenticator app would show for `secret`; returns the backup codes shown after. */
  async enrol(secret: string): Promise<string[]> {
    await this.page.getByLabel(/ワンタイムコード|One-time code/).fill(totpCode(secret, new Date()));
    await this.page.getByRole("button", { name: /^(登録してサインイン|Register and sign in)$/ }).click();
    const codes = this.page.getByRole("list", { name: /バックアップコード|Backup codes/ }).getByRole("listitem");
    await expect(codes).toHaveCount(10);
    return codes.allInnerTexts();
  }

  async continue() {
    await this.page.getByRole("link", { name: /^(続ける|Continue)$/ }).click();
  }
}
