import { expect, type Page } from "@playwright/test";

// The HR roster: its reconciliation page (/reviews/roster) and its import workbench (/reviews/roster/import).
export class RosterPages {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto("/reviews/roster");
    await expect(this.page.getByRole("heading", { level: 1 })).toHaveText(/^(HR名簿との突合|HR roster reconciliation)$/);
  }

  async openImport() {
    await this.open();
    await this.page.getByRole("link", { name: /^(名簿を取り込む|Import the roster)$/ }).first().click();
    await expect(this.page).toHaveURL(/\/reviews\/roster\/import$/);
  }

  async upload(name: string, bytes: Uint8Array) {
    await this.page.getByLabel(/^(名簿の CSV ファイル|Roster CSV file)$/).setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(bytes) });
  }

  previewRow(employeeNumber: string) {
    return this.page.getByTestId("roster-preview-rows").locator("tbody tr").filter({ hasText: employeeNumber });
  }

  previewCount(kind: "create" | "update" | "remove" | "unchanged" | "error") {
    return this.page.getByTestId(`roster-count-preview-${kind}`);
  }

  applyButton() {
    return this.page.getByTestId("roster-apply");
  }

  summary() {
    return this.page.getByTestId("roster-import-summary");
  }

  count(category: "hr_status" | "no_hr_record" | "department" | "no_account" | "lines") {
    return this.page.getByTestId(`roster-count-${category}`);
  }

  difference(category: "hr_status" | "no_hr_record" | "department" | "no_account" | "lines", text: string) {
    return this.page.getByTestId(`roster-table-${category}`).locator("tbody tr").filter({ hasText: text });
  }
}
