// GET /api/audit/export: the explorer's filters as CSV (Excel-safe) or JSON Lines, streamed page by page, audited.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { GET } from "@/app/api/audit/export/route";
import { AUDIT_EXPORT_PAGE } from "@/lib/server/audit/export-audit-events";
import { parseCsv } from "@/lib/policy/account-csv";
import { createAccount, createOrganization } from "@/tests/factories";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";
import { signedIn } from "@/tests/support/session";

const locale = vi.hoisted(() => ({ value: undefined as string | undefined }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (name === "ocn.locale" && locale.value ? { name, value: locale.value } : undefined) }),
  headers: async () => new Headers(),
}));

let t: TestDatabase;
let orgId: string;
let otherId: string;
let auditor: Awaited<ReturnType<typeof signedIn>>;
let member: Awaited<ReturnType<typeof signedIn>>;
const T0 = Date.UTC(2025, 5, 2, 0, 0, 0); // 2025-06-02 09:00 JST
// Each insert runs the hash-chain trigger, slow in WASM: 50k rows on PostgreSQL, 20k on PGlite.
const BULK = process.env.TEST_DATABASE_URL ? 50_000 : 20_000;

beforeAll(async () => {
  t = await openTestDatabase();
  const org = await createOrganization(t.prisma, { customerNumber: "C123456789" });
  orgId = org.id;
  otherId = (await createOrganization(t.prisma)).id;
  const a = await createAccount(t.prisma, { organizationId: orgId, roleKeys: ["security_auditor"] });
  const m = await createAccount(t.prisma, { organizationId: orgId, roleKeys: ["member"] });
  auditor = await signedIn(a.loginId, a.password);
  member = await signedIn(m.loginId, m.password);
  const base = { organizationId: orgId, outcome: "success" as const, ip: "203.0.113.9", country: "JP" };
  await t.prisma.auditEvent.createMany({
    data: [
      { ...base, occurredAt: new Date(T0), actorLabel: '=HYPERLINK("http://evil.example","クリック")', action: "account.updated", targetLabel: "@SUM(A1:A9)", details: { before: { name: "旧" }, after: { name: "新" } } },
      { ...base, occurredAt: new Date(T0 + 60_000), actorLabel: "-2+3", action: "account.updated", targetLabel: "\tタブ始まり", outcome: "failure", reason: "bad_password" },
      { ...base, occurredAt: new Date(T0 + 120_000), actorLabel: "佐藤 花子", action: "auth.sign_in", targetLabel: "+81 3 1234", ip: "2001:db8::1", country: "US" },
    ],
  });
  await t.prisma.auditEvent.create({ data: { organizationId: otherId, occurredAt: new Date(T0), actorLabel: "Other Org Person", action: "account.updated", outcome: "success" } });
  // Bulk rows a month earlier, so the filters of the other tests leave them out. In statements of 2,000 rows: the
  // hash-chain trigger updates its chain's head row once per insert, and within one transaction each update walks the
  // versions before it, so one 50k-row statement costs minutes where 25 small ones cost seconds.
  for (let start = 1; start <= BULK; start += 2000) {
    await t.sql.exec(`INSERT INTO audit_events (organization_id, occurred_at, actor_label, action, outcome, ip, country, details)
      SELECT '${orgId}'::uuid, timestamptz '2025-05-01 00:00:00+00' + (g || ' seconds')::interval, 'bulk-' || g, 'bulk.event', 'success', '198.51.100.1'::inet, 'JP', '{}'::jsonb
      FROM generate_series(${start}, ${Math.min(start + 1999, BULK)}) AS g`);
  }
}, 300_000);
afterAll(() => t.drop());

const exportAs = (session: typeof auditor, query: string) => session.run(() => GET(new NextRequest(`http://localhost/api/audit/export?${query}`)));
const JUNE = "from=2025-06-01&to=2025-06-30";

describe("GET /api/audit/export", () => {
  it("writes an Excel-safe CSV: BOM, CRLF, every cell quoted, formula cells neutralised, Japanese headings", async () => {
    const response = await exportAs(auditor, `format=csv&${JUNE}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="audit-log_C123456789_20250601-0000_20250701-0000.csv"');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.split("\r\n").at(-1)).toBe("");
    expect(text.replace(/\r\n/g, "")).not.toMatch(/\n/);
    const lines = text.split("\r\n").slice(0, -1);
    expect(lines).toHaveLength(4);
    expect(lines.every((l) => l.startsWith('"') && l.endsWith('"'))).toBe(true);
    expect(lines[0]).toBe('"イベントID","日時 (日本時間)","実行者","実行者ID","操作","対象の種類","対象ID","対象","結果","理由","IPアドレス","国","端末 (User-Agent)","詳細 (JSON)"');
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""クリック"")"`);
    expect(text).toContain(`"'@SUM(A1:A9)"`);
    expect(text).toContain(`"'-2+3"`);
    expect(text).toContain(`"'\tタブ始まり"`);
    expect(text).toContain(`"'+81 3 1234"`);
    const parsed = parseCsv(text);
    expect(parsed.ok).toBe(true);
    // Newest first, times in JST, outcome in words, details as JSON.
    expect(lines[1]).toContain('"2025/06/02 09:02:00","佐藤 花子"');
    expect(lines[2]).toContain('"失敗","bad_password"');
    expect(lines[3]).toContain(JSON.stringify({ after: { name: "新" }, before: { name: "旧" } }).replace(/"/g, '""'));
    expect(text).not.toContain("Other Org Person");
  });

  it("uses English headings for a reader who chose English", async () => {
    locale.value = "en";
    try {
      const text = await (await exportAs(auditor, `format=csv&${JUNE}`)).text();
      expect(text.split("\r\n")[0]).toContain('"Event ID","Time (JST)","Actor"');
      expect(text).toContain('"Failure"');
    } finally {
      locale.value = undefined;
    }
  });

  it("applies the explorer's filters", async () => {
    const text = await (await exportAs(auditor, `format=csv&${JUNE}&outcome=failure`)).text();
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(2);
    expect(text).toContain("'-2+3");
    const byCountry = await (await exportAs(auditor, `format=jsonl&${JUNE}&country=us`)).text();
    expect(byCountry.trim().split("\n").map((l) => JSON.parse(l).actorLabel)).toEqual(["佐藤 花子"]);
    const byIp = await (await exportAs(auditor, `format=jsonl&ip=2001:db8::/32`)).text();
    expect(byIp.trim().split("\n")).toHaveLength(1);
  });

  it("writes JSON Lines with every field, the id as a string and before/after details", async () => {
    const response = await exportAs(auditor, `format=jsonl&${JUNE}`);
    expect(response.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    expect(response.headers.get("content-disposition")).toContain(".jsonl");
    const lines = (await response.text()).split("\n");
    expect(lines.at(-1)).toBe("");
    const events = lines.slice(0, -1).map((l) => JSON.parse(l));
    expect(events).toHaveLength(3);
    const first = events.at(-1);
    expect(typeof first.id).toBe("string");
    expect(Object.keys(first).sort()).toEqual(["action", "actorId", "actorLabel", "country", "details", "id", "ip", "occurredAt", "outcome", "reason", "targetId", "targetLabel", "targetType", "userAgent"]);
    expect(first).toMatchObject({ actorLabel: '=HYPERLINK("http://evil.example","クリック")', occurredAt: new Date(T0).toISOString(), details: { before: { name: "旧" }, after: { name: "新" } } });
  });

  it("records the export in the audit log with its filter, format and row count", async () => {
    await (await exportAs(auditor, `format=jsonl&${JUNE}&outcome=failure`)).text();
    const row = await t.prisma.auditEvent.findFirstOrThrow({ where: { organizationId: orgId, action: "audit.exported" }, orderBy: { id: "desc" } });
    expect(row.actorId).toBe(auditor.accountId);
    expect(row.details).toMatchObject({ format: "jsonl", rowCount: 1, filter: { outcome: "failure", from: "2025-05-31T15:00:00.000Z", to: "2025-06-30T15:00:00.000Z", actor: null } });
  });

  it("refuses a member with 403 and writes nothing", async () => {
    const before = await t.prisma.auditEvent.count({ where: { organizationId: orgId, action: "audit.exported" } });
    const response = await exportAs(member, "format=csv");
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: "forbidden" });
    expect(await t.prisma.auditEvent.count({ where: { organizationId: orgId, action: "audit.exported" } })).toBe(before);
  });

  it("answers 400 with the field for a filter it cannot read, instead of exporting more than asked", async () => {
    for (const [query, field] of [
      ["ip=999.1.1.1", "999.1.1.1"],
      ["from=2025-02-30", "from"],
      ["outcome=maybe", "outcome"],
      ["format=xlsx", "xlsx"],
      ["from=2025-06-30&to=2025-06-01", "ends before"],
    ] as const) {
      const response = await exportAs(auditor, query);
      expect(response.status, query).toBe(400);
      expect((await response.json()).message, query).toContain(field);
    }
  });

  it(`streams ${BULK.toLocaleString()} rows page by page: the first chunk arrives long before the last row is read`, async () => {
    const response = await exportAs(auditor, "format=csv&action=bulk.event");
    expect(response.headers.get("x-row-count")).toBe(String(BULK));
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    const first = await reader.read();
    const firstLines = decoder.decode(first.value!, { stream: true }).split("\r\n").length - 1;
    // The header comes on its own; then each chunk is one page of the keyset.
    expect(firstLines).toBe(1);
    let chunks = 1;
    let rows = 0;
    let biggest = 0;
    let tail = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks++;
      const text = tail + decoder.decode(value, { stream: true });
      const parts = text.split("\r\n");
      tail = parts.pop()!;
      rows += parts.length;
      biggest = Math.max(biggest, parts.length);
    }
    expect(rows).toBe(BULK);
    expect(biggest).toBeLessThanOrEqual(AUDIT_EXPORT_PAGE);
    expect(chunks).toBeGreaterThanOrEqual(1 + BULK / AUDIT_EXPORT_PAGE);
  }, 120_000);

  it("stops reading the database when the reader goes away", async () => {
    const response = await exportAs(auditor, "format=jsonl&action=bulk.event");
    const reader = response.body!.getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    expect((await reader.read()).done).toBe(true);
  });
});
