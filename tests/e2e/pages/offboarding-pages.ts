import { expect, type Page } from "@playwright/test";

// The offboarding screens: registering a case (/offboarding/new) and a case's checklist (/offboarding/[id]).
export class OffboardingPages {
  constructor(private readonly page: Page) {}

  /** From the list: the start button, the person found by OCN ID and chosen. */
  async choosePerson(loginId: string) {
    await this.page.goto("/offboarding");
    await this.page.getByRole("link", { name: "退職・異動を登録" }).click();
    await this.page.getByLabel("OCN ID または氏名で検索").fill(loginId);
    await this.page.getByRole("button", { name: "検索" }).click();
    await this.page
      .getByRole("link", {
        name: new RegExp(`^選択: .*\\(${loginId.replace(/[.]/g, "\\.")}\\)$`),
      })
      .click();
    await expect(this.page.getByRole("region", { name: "2. 手続きの内容" })).toBeVisible();
  }

  preview() {
    return this.page.getByRole("region", { name: "登録するとこうなります" });
  }

  /** Leaving, effective now: the red button, then the dialog that names the consequence. */
  async registerLeavingNow() {
    await this.page.getByRole("button", { name: "登録してサインインを止める" }).click();
    const dialog = this.page.getByRole("dialog");
    await expect(dialog).toContainText("今すぐ止めますか");
    await dialog.getByRole("button", { name: "今すぐ止める" }).click();
    await expect(this.page).toHaveURL(/\/offboarding\/[0-9a-f-]{36}$/);
  }

  tasks() {
    return this.page.getByTestId("offboarding-task");
  }

  /** One checklist item by its kind (and line, where it has one), as its accessible name reads. */
  task(kind: string, phoneNumber?: string) {
    return this.page.getByRole("listitem", {
      name: phoneNumber ? `${kind} ${phoneNumber}` : kind,
      exact: true,
    });
  }
}
