import { expect, type Page } from "@playwright/test";

// A line's page (/lines/[id]) with its settings form, and a change request's page (/requests/[id]).
export class LinePage {
  constructor(private readonly page: Page) {}

  async open(phoneNumber: string, search = phoneNumber) {
    await this.page.goto(`/lines?q=${encodeURIComponent(search)}`);
    await this.page.getByRole("link", { name: phoneNumber }).click();
    await expect(this.page.getByRole("heading", { level: 1 })).toHaveText(phoneNumber);
  }

  form() {
    return this.page.getByRole("region", { name: /回線の設定|Line settings/ });
  }

  /** The value the overview shows for one label. */
  overview(label: RegExp) {
    return this.page
      .getByRole("region", { name: /回線の情報|^Line$/ })
      .locator("div", { has: this.page.locator("dt", { hasText: label }) })
      .locator("dd");
  }

  pendingNote() {
    return this.page.getByTestId("pending-request");
  }
}

export class RequestPage {
  constructor(private readonly page: Page) {}

  diffRow(field: RegExp) {
    return this.page.locator("table tbody tr").filter({ has: this.page.getByRole("rowheader", { name: field }) });
  }

  status() {
    return this.page.locator("h1 + span");
  }

  dialog() {
    return this.page.getByRole("dialog");
  }

  async approve(note?: string) {
    await this.page.getByRole("button", { name: /^(承認する|Approve)$/ }).click();
    if (note) await this.dialog().getByLabel(/コメント|Comment/).fill(note);
    await this.dialog().getByRole("button", { name: /^(承認する|Approve)$/ }).click();
  }
}
