import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, expect, it } from "vitest";
import { requestPasswordReset } from "@/lib/server/recovery/request-password-reset";
import { createAccount, createOrganization } from "@/tests/factories";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";

// With SMTP_URL set, mail really goes over SMTP (to a server this test runs on loopback) and is marked sent.
const received: { from: string; to: string[]; data: string }[] = [];
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, session, done) {
    let data = "";
    stream.on("data", (chunk: Buffer) => (data += chunk.toString("utf8")));
    stream.on("end", () => {
      received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), data });
      done();
    });
  },
});

/** The text part of a single-part message, decoded from base64 or quoted-printable. */
function bodyText(raw: string): string {
  const [head = "", ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join("\n\n");
  if (/content-transfer-encoding:\s*base64/i.test(head)) return Buffer.from(body.replace(/\s/g, ""), "base64").toString("utf8");
  if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) {
    const bytes = body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return body;
}

let t: TestDatabase;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.SMTP_URL = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  process.env.MAIL_FROM = "OCN Console Test <console@example.jp>";
  t = await openTestDatabase();
});
afterAll(async () => {
  await t.drop();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

it("sends the reset mail over SMTP and records it as sent", async () => {
  const org = await createOrganization(t.prisma);
  const account = await createAccount(t.prisma, { organizationId: org.id });
  await requestPasswordReset({ loginId: account.loginId }, { ip: "192.0.2.1", userAgent: "vitest" });
  expect(received).toHaveLength(1);
  expect(received[0]).toMatchObject({ from: "console@example.jp", to: [account.loginId] });
  expect(bodyText(received[0]!.data)).toMatch(/パスワード再設定[\s\S]*\/sign-in\/reset\/[\w-]{40,}/);
  const stored = await t.prisma.mailMessage.findFirstOrThrow({ where: { to: account.loginId } });
  expect(stored.sentAt).not.toBeNull();
  expect(stored.error).toBeNull();
});
