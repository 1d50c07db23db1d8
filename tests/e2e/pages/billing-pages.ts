import fs from "node:fs";
import { expect, type Download, type Page } from "@playwright/test";

// The billing screens: the overview (/billing), a statement (/billing/statements/[month]) and the payment page
// (/billing/payment) with its change-request form.

/** "¥12,345" / "12,345円" / "3 GB" → 12345 / 3. */
export const amountOf = (text: string) => Number(text.replace(/[^\d]/g, ""));

export class BillingOverviewPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto("/billing");
    await expect(this.page.getByRole("heading", { level: 1 })).toHaveText(/^(請求|Billing)$/);
  }

  paymentLabel() {
    return this.page.getByTestId("payment-label");
  }

  async estimate(): Promise<{ totalYen: number; addonGb: number }> {
    return {
      totalYen: amountOf(await this.page.getByTestId("estimate-total").innerText()),
      addonGb: amountOf(await this.page.getByTestId("estimate-addons").innerText()),
    };
  }

  statementRows() {
    return this.page.getByRole("region", { name: /請求明細|Statements/ }).locator("tbody tr");
  }
}

export class StatementPage {
  constructor(private readonly page: Page) {}

  total() {
    return this.page.getByTestId("statement-total");
  }

  paymentMethod() {
    return this.page.getByTestId("statement-payment");
  }

  allocation() {
    return this.page.getByTestId("allocation");
  }

  /** Clicks a CSV link and returns the file as text, its byte order mark removed. */
  async downloadCsv(name: RegExp): Promise<{ text: string; hadBom: boolean }> {
    const [download] = (await Promise.all([this.page.waitForEvent("download"), this.page.getByRole("link", { name }).click()])) as [Download, unknown];
    const raw = fs.readFileSync(await download.path());
    const text = raw.toString("utf8");
    return { text: text.replace(/^\uFEFF/, ""), hadBom: text.startsWith("\uFEFF") };
  }
}

/** The payment method change form on /billing/payment. */
export class PaymentMethodForm {
  constructor(private readonly page: Page) {}

  region() {
    return this.page.getByRole("region", { name: /お支払い方法の変更を申請|Request a payment method change/ });
  }

  holder() {
    return this.region().getByLabel(/^(カード名義 \(英字\)|Cardholder name \(Latin letters\))$/);
  }

  last4() {
    return this.region().getByLabel(/^(カード番号の下4桁|Last four digits of the card number)$/);
  }

  async fillCard(values: { brand: string; last4: string; month: string; year: string; holder: string; reason: string }) {
    const form = this.region();
    await form.getByRole("radio", { name: /^(クレジットカード|Credit card)$/ }).check();
    await form.getByLabel(/^(カードの種類|Card brand)$/).selectOption(values.brand);
    await this.last4().fill(values.last4);
    await form.getByLabel(/^(有効期限 \(月\)|Expiry month)$/).selectOption(values.month);
    await form.getByLabel(/^(有効期限 \(年\)|Expiry year)$/).selectOption(values.year);
    await this.holder().fill(values.holder);
    await form.getByLabel(/^(申請理由|Reason)$/).fill(values.reason);
  }

  async submit() {
    await this.region()
      .getByRole("button", { name: /^(変更を申請する|Request change)$/ })
      .click();
  }
}

/** A CSV's rows as arrays of fields (quoted fields may hold commas and doubled quotes). */
export function parseCsv(text: string): string[][] {
  return text
    .split(/\r\n/)
    .filter((line) => line.length > 0)
    .map((line) => {
      const fields: string[] = [];
      let field = "";
      let quoted = false;
      for (let i = 0; i < line.length; i++) {
        const c = line[i]!;
        if (quoted) {
          if (c === '"' && line[i + 1] === '"') {
            field += '"';
            i++;
          } else if (c === '"') quoted = false;
          else field += c;
        } else if (c === '"') quoted = true;
        else if (c === ",") {
          fields.push(field);
          field = "";
        } else field += c;
      }
      fields.push(field);
      return fields;
    });
}
