import { expect, type Page } from "@playwright/test";

// Roles & permissions (/roles): the matrix, the custom role form, the separation-of-duty rules and the conflicts.
export class RolesPage {
  constructor(private readonly page: Page) {}

  async gotoMatrix() {
    await this.page.goto("/roles");
    await expect(this.page.getByRole("heading", { level: 1 })).toHaveText(/ロールと権限|Roles & permissions/);
  }

  matrix() {
    return this.page.getByTestId("permission-matrix");
  }

  /** The matrix row of a role, by its name as shown. */
  matrixRow(name: string) {
    return this.matrix().locator("tbody tr").filter({ has: this.page.getByRole("link", { name, exact: true }) });
  }

  async matrixRoleNames(): Promise<string[]> {
    return this.matrix().locator("tbody tr th[scope=row] a").allInnerTexts();
  }

  async openCreateForm() {
    await this.page.getByRole("link", { name: /^(カスタムロールを作成|Create custom role)$/ }).click();
    await expect(this.page).toHaveURL(/\/roles\/new$/);
  }

  /** Picks a level for an area in the role form (radios in a group named after the area). */
  async chooseLevel(area: string, level: string) {
    await this.page.getByRole("group", { name: area, exact: true }).getByText(level, { exact: true }).click();
  }

  levelOption(area: string, level: RegExp) {
    return this.page.getByRole("group", { name: area, exact: true }).getByRole("radio", { name: level });
  }

  async gotoRules() {
    await this.page.goto("/roles/sod");
    await expect(this.page.getByRole("heading", { name: /^(ルール|Rules)$/ })).toBeVisible();
  }

  ruleDialog() {
    return this.page.getByRole("dialog", { name: /職務分離ルールを(追加|編集)|separation-of-duty rule/ });
  }

  async openAddRule() {
    await this.page.getByRole("button", { name: /^(ルールを追加|Add rule)$/ }).click();
    await expect(this.ruleDialog()).toBeVisible();
  }

  async fillRule(rule: { name: string; a: [string, string]; b: [string, string] }) {
    const dialog = this.ruleDialog();
    await dialog.getByLabel(/^(名前|Name)$/).fill(rule.name);
    const sideA = dialog.getByRole("group", { name: /権限 A|Permission A/ });
    await sideA.getByLabel(/^(範囲|Area)$/).selectOption({ label: rule.a[0] });
    await sideA.getByLabel(/^(権限|Level)$/).selectOption({ label: rule.a[1] });
    const sideB = dialog.getByRole("group", { name: /権限 B|Permission B/ });
    await sideB.getByLabel(/^(範囲|Area)$/).selectOption({ label: rule.b[0] });
    await sideB.getByLabel(/^(権限|Level)$/).selectOption({ label: rule.b[1] });
  }

  ruleRow(name: string) {
    return this.page.locator("table tbody tr").filter({ has: this.page.getByRole("rowheader", { name, exact: true }) });
  }

  notice() {
    return this.page.getByRole("status").filter({ hasText: /./ });
  }
}
