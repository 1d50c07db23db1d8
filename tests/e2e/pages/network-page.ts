import { expect, type Page } from "@playwright/test";

// The IP allowlist screen (/security/network): the add dialog, the table and the revoke dialog.
export class NetworkPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/security/network");
    await expect(this.page.getByRole("heading", { level: 1 })).toHaveText(/IPアクセス制限|IP allowlist/);
  }

  addDialog() {
    return this.page.getByRole("dialog", { name: /許可エントリを追加|Add an allowlist entry/ });
  }

  async openAddDialog() {
    await this.page.getByRole("button", { name: /^(許可エントリを追加|Add entry)$/ }).click();
    await expect(this.addDialog()).toBeVisible();
  }

  labelInput() {
    return this.addDialog().getByLabel(/^(名前|Name)$/);
  }

  cidrInput() {
    return this.addDialog().getByLabel(/IP アドレス \/ 範囲|Address \/ range/);
  }

  async fillEntry(entry: { label: string; cidr: string; kind?: RegExp; validUntil?: string; reason?: string }) {
    await this.labelInput().fill(entry.label);
    await this.cidrInput().fill(entry.cidr);
    if (entry.kind) await this.addDialog().getByRole("radio", { name: entry.kind }).check();
    if (entry.validUntil) await this.addDialog().getByLabel(/終了日時|Ends/).fill(entry.validUntil);
    if (entry.reason) await this.addDialog().getByLabel(/^(理由|Reason)/).fill(entry.reason);
  }

  async submitEntry() {
    await this.addDialog().getByRole("button", { name: /^(追加|Add)$/ }).click();
  }

  row(label: string) {
    return this.page.locator("table tbody tr").filter({ has: this.page.getByText(label, { exact: true }) });
  }

  revokeDialog() {
    return this.page.getByRole("dialog", { name: /許可エントリを取り消しますか|Revoke this allowlist entry/ });
  }

  async openRevokeDialog(label: string) {
    await this.row(label).getByRole("button", { name: /取り消す|Revoke/ }).click();
    await expect(this.revokeDialog()).toBeVisible();
  }

  notice() {
    return this.page.getByRole("status").filter({ hasText: /./ });
  }
}
