import { expect, type Page } from "@playwright/test";

// The account screens an admin works in: the invite and edit form, and one account's detail page with its grants.

export interface AccountFormValues {
  loginId?: string;
  displayName?: string;
  email?: string;
  employeeNumber?: string;
  firstRole?: string;
}

/** /accounts/new and /accounts/[id]/edit share one form. */
export class AccountFormPage {
  constructor(private readonly page: Page) {}

  loginId() {
    return this.page.getByLabel(/^OCN ID$/);
  }

  displayName() {
    return this.page.getByLabel(/^(氏名|Name)$/);
  }

  email() {
    return this.page.getByLabel(/^(メールアドレス|Mail address)$/);
  }

  employeeNumber() {
    return this.page.getByLabel(/^(社員番号|Employee number)$/);
  }

  firstRole() {
    return this.page.getByLabel(/最初に付与するロール|First role/);
  }

  async fill(values: AccountFormValues) {
    if (values.loginId !== undefined) await this.loginId().fill(values.loginId);
    if (values.displayName !== undefined) await this.displayName().fill(values.displayName);
    if (values.email !== undefined) await this.email().fill(values.email);
    if (values.employeeNumber !== undefined) await this.employeeNumber().fill(values.employeeNumber);
    if (values.firstRole !== undefined) await this.firstRole().selectOption({ label: values.firstRole });
  }

  async submitInvite() {
    await this.page.getByRole("button", { name: /^(招待メールを送る|Send invitation)$/ }).click();
  }

  async submitEdit() {
    await this.page.getByRole("button", { name: /^(保存|Save)$/ }).click();
  }
}

/** /accounts/[id]: header with status and actions, the tabs, the grant and revoke dialogs. */
export class AccountDetailPage {
  constructor(private readonly page: Page) {}

  /** Finds the account by its OCN ID through the list's search and opens it. */
  async open(loginId: string) {
    await this.page.goto(`/accounts?q=${encodeURIComponent(loginId)}`);
    await this.page.locator("table tbody tr").filter({ hasText: loginId }).getByRole("link").first().click();
    await expect(this.page).toHaveURL(/\/accounts\/[0-9a-f-]{36}$/);
  }

  heading() {
    return this.page.getByRole("heading", { level: 1 });
  }

  /** The status badge next to the name. */
  header() {
    return this.heading().locator("xpath=..");
  }

  message(text: string | RegExp) {
    return this.page.getByRole("status").filter({ hasText: text });
  }

  /** Opens one of the header's actions and confirms it in its dialog. */
  async runAction(button: RegExp, confirm: RegExp) {
    await this.page.getByRole("button", { name: button }).click();
    const dialog = this.page.getByRole("dialog");
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: confirm }).click();
    await expect(dialog).toBeHidden();
  }

  async openPermissionsTab() {
    await this.page.getByRole("tab", { name: /^(権限|Permissions)$/ }).click();
    await expect(this.grantsTable()).toBeVisible();
  }

  grantsTable() {
    return this.page.getByRole("tabpanel").locator("table");
  }

  grantRow(roleLabel: string) {
    return this.grantsTable().locator("tbody tr").filter({ has: this.page.getByRole("cell", { name: roleLabel, exact: true }) });
  }

  grantDialog() {
    return this.page.getByRole("dialog", { name: /^(ロールを付与|Grant role)$/ });
  }

  async openGrantDialog() {
    await this.page.getByRole("button", { name: /^(ロールを付与|Grant role)$/ }).click();
    await expect(this.grantDialog()).toBeVisible();
  }

  grantRole() {
    return this.grantDialog().getByLabel(/^(ロール|Role)$/);
  }

  grantEndsAt() {
    return this.grantDialog().getByLabel(/^(期限|Ends at)/);
  }

  grantReason() {
    return this.grantDialog().getByLabel(/^(付与する理由|Why)$/);
  }

  grantSubmit() {
    return this.grantDialog().getByRole("button", { name: /^(付与する|Grant)$/ });
  }

  /** Chooses the role and waits for the separation-of-duty preview the choice starts. */
  async chooseGrantRole(label: string) {
    const previewed = this.page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === new URL(this.page.url()).pathname);
    await this.grantRole().selectOption({ label });
    await previewed;
  }
}
