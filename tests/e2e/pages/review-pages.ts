import { expect, type Locator, type Page } from "@playwright/test";

// The access review screens: the campaign list with its start form (/reviews), a campaign's items and the decision
// dialog (/reviews/[id]), and closing it.
export class ReviewPages {
  constructor(private readonly page: Page) {}

  /** Starts a campaign from the list page's dialog, with the fields given, and waits for the campaign's page. */
  async startCampaign(title: string) {
    await this.page.goto("/reviews");
    await this.page.getByRole("button", { name: "キャンペーンを開始" }).click();
    const dialog = this.page.getByRole("dialog", { name: "棚卸しキャンペーンを開始" });
    await dialog.getByLabel("タイトル (任意)").fill(title);
    return dialog;
  }

  item(loginId: string): Locator {
    return this.page.locator(`[data-testid="review-item"][data-login-id="${loginId}"]`);
  }

  async openDecision(loginId: string) {
    await this.item(loginId).getByRole("button", { name: /^(判断する|変更する|Decide|Change)/ }).click();
    const dialog = this.page.getByRole("dialog");
    await expect(dialog.getByRole("radio", { name: /^(継続|Keep)/ })).toBeVisible();
    return dialog;
  }

  decision(loginId: string): Locator {
    return this.item(loginId).getByTestId("item-decision");
  }

  /** Closes the open campaign through its confirmation, which says what will happen, and waits for the applied state. */
  async closeAndApply(expectSummary: (summary: Locator) => Promise<void>) {
    await this.page.getByRole("button", { name: "締め切って適用" }).click();
    const dialog = this.page.getByRole("dialog", { name: "締め切って適用しますか" });
    await expectSummary(dialog.getByTestId("close-summary"));
    await dialog.getByRole("button", { name: "締め切って適用する" }).click();
    await expect(dialog).toBeHidden({ timeout: 60_000 });
    await expect(this.page.getByTestId("campaign-status")).toHaveText("適用済み");
  }
}
