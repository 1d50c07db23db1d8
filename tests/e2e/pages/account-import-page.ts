import { expect, type Page } from "@playwright/test";

// The CSV import screen (/accounts/import): the file input, the dry-run table, the apply button and its progress.
export class AccountImportPage {
  constructor(private readonly page: Page) {}

  async openFromAccounts() {
    await this.page.goto("/accounts");
    await this.page.getByRole("link", { name: /^(CSVインポート|Import CSV)$/ }).click();
    await expect(this.page).toHaveURL(/\/accounts\/import$/);
    await expect(this.page.getByRole("heading", { level: 1 })).toHaveText(/CSV インポート|Import from CSV/);
  }

  /** Chooses a file as the person would; the dry run starts at once. */
  async upload(name: string, bytes: Uint8Array) {
    await this.page.getByLabel(/^(CSV ファイル|CSV file)$/).setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(bytes) });
  }

  previewRow(row: number) {
    return this.page.getByTestId("import-preview").locator(`tr[data-row="${row}"]`);
  }

  /** Shows only the rows of one kind (the radios sit inside their visible labels). */
  async showRows(name: RegExp) {
    await this.page.locator("label").filter({ has: this.page.getByRole("radio", { name }) }).click();
    await expect(this.page.getByRole("radio", { name })).toBeChecked();
  }

  applyButton() {
    return this.page.getByRole("button", { name: /件を招待し|^Invite \d/ });
  }

  progressBar() {
    return this.page.getByRole("progressbar");
  }

  summary() {
    return this.page.getByTestId("import-summary");
  }
}
