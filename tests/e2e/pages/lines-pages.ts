import { expect, type Page } from "@playwright/test";

// The lines list (/lines) with its filters, a line's page with its state changes, and the lines CSV import.
export class LinesListPage {
  constructor(private readonly page: Page) {}

  async filter(filters: { status?: string; simType?: string; holder?: string; q?: string }) {
    await this.page.goto("/lines");
    if (filters.q !== undefined) await this.page.getByRole("searchbox").fill(filters.q);
    if (filters.status) await this.page.getByLabel(/^(状態|Status)$/).selectOption(filters.status);
    if (filters.simType) await this.page.getByLabel(/^(SIM の種類|SIM type)$/).selectOption(filters.simType);
    if (filters.holder) await this.page.getByLabel(/^(割り当て|Assignment)$/).selectOption(filters.holder);
    await this.page.getByRole("button", { name: /^(絞り込む|Filter)$/ }).click();
  }

  rows() {
    return this.page.locator("table tbody tr");
  }
}

export class LineStatePanel {
  constructor(private readonly page: Page) {}

  async portOut(mnpNumber: string, expiresAt: string) {
    await this.page.getByLabel(/^(MNP予約番号|MNP reservation number)$/).fill(mnpNumber);
    await this.page.getByLabel(/有効期限|Expires/).fill(expiresAt);
    await this.page.getByRole("button", { name: /^(MNP転出する|Port out)$/ }).click();
    const dialog = this.page.getByRole("dialog");
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: /^(実行する|Go ahead)$/ }).click();
    await expect(dialog).toBeHidden();
  }
}

export class LineImportPage {
  constructor(private readonly page: Page) {}

  async openFromList() {
    await this.page.goto("/lines");
    await this.page.getByRole("link", { name: /^(CSV インポート|Import CSV)$/ }).click();
    await expect(this.page).toHaveURL(/\/lines\/import$/);
  }

  async upload(name: string, bytes: Uint8Array) {
    await this.page.getByLabel(/^(CSV ファイル|CSV file)$/).setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(bytes) });
  }

  previewRow(row: number) {
    return this.page.locator("table tbody tr").filter({ has: this.page.locator("td:first-child", { hasText: new RegExp(`^${row}$`) }) });
  }

  applyButton() {
    return this.page.getByRole("button", { name: /^(反映する|Apply)/ });
  }
}
