// Property tests of the parsers at the console's boundaries: CIDRs and the allowlist matcher, OCN IDs, CSV (quoting
// round trip, files of any bytes), the dates and months routes and forms read, the client address behind proxies, the
// HR roster, and the server-action bodies the proxy screens. Each property is checked against a plain reference
// implementation, as a round trip, as idempotence, or as "never throws, answers with an error instead".
import { isIP } from "node:net";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cellValue,
  csvLine,
  decodeCsvBytes,
  formatJst,
  parseAccountCsv,
  parseCsv,
  parseJstDate,
  readCsvTable,
} from "@/lib/policy/account-csv";
import {
  readableActionForm,
  readableActionText,
} from "@/lib/policy/action-request";
import {
  MONTH_KEY,
  monthDate,
  monthKeyOfDate,
  monthRange,
} from "@/lib/policy/billing";
import { isoDayExists } from "@/lib/policy/calendar-date";
import { cidrContains, ipToBigInt, parseCidr } from "@/lib/policy/cidr";
import {
  normalizeIp,
  parseTrustedProxies,
  resolveClientIp,
} from "@/lib/policy/client-ip";
import {
  EMPLOYMENT_STATUS_LABELS,
  EMPLOYMENT_STATUSES,
  formatRosterDate,
  HR_COLUMNS,
  parseEmploymentStatus,
  parseHrCsv,
  parseRosterDate,
  planHrImport,
  type ExistingHrRecord,
} from "@/lib/policy/hr-csv";
import {
  compileAllowlist,
  matchAllowlist,
  parseAllowlistCidr,
} from "@/lib/policy/ip-allowlist";
import { parseLineCsv } from "@/lib/policy/line-csv";
import { normalizeLoginId } from "@/lib/policy/login-id";
import { storableText } from "@/lib/policy/storable-text";
import {
  decodeAuditCursor,
  encodeAuditCursor,
  parseJstBound,
} from "@/lib/schemas/audit";
import { statementCsvSchema } from "@/lib/schemas/billing";
import { parseIngestionBatch } from "@/lib/schemas/ingestion";
import { parseJstDateTime } from "@/lib/schemas/network";

const JST = 9 * 3_600_000;
const runs = { numRuns: 500 };

// ─────────────────────────────── references ───────────────────────────────

const leap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const daysIn = (y: number, m: number) =>
  [31, leap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
const dayExists = (y: number, m: number, d: number) =>
  m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);
const pad = (n: number, width = 2) => String(n).padStart(width, "0");
/** Midnight UTC of a day, for any year (Date.UTC reads 0–99 as 1900–1999). */
const utcDay = (y: number, m: number, d: number) => {
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  return date.getTime();
};
const fullWidth = (s: string) =>
  s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const v4Text = (n: number) =>
  [24, 16, 8, 0].map((s) => (n >>> s) & 255).join(".");
const mask4 = (prefix: number) =>
  prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
/** RFC 5952 text of a 128-bit value, as WHATWG URL writes an IPv6 host. */
const v6Text = (value: bigint) =>
  new URL(
    `http://[${Array.from({ length: 8 }, (_, i) => ((value >> BigInt(112 - 16 * i)) & 0xffffn).toString(16)).join(":")}]`,
  ).hostname.slice(1, -1);

/** A calendar date, often one that does not exist (day 29–31, month 0 or 13). */
const dateParts = fc.record({
  y: fc.integer({ min: 1000, max: 9999 }),
  m: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.constantFrom(0, 13)),
  d: fc.oneof(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 32 })),
});
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const u128 = fc.bigInt({ min: 0n, max: (1n << 128n) - 1n });
/** Strings that often start the way a spreadsheet formula does, or with the apostrophe that neutralises one. */
const cellText = fc.oneof(
  fc.string({ unit: "binary" }),
  fc
    .tuple(
      fc.constantFrom(
        "=",
        "+",
        "-",
        "@",
        "\t",
        "\r",
        "'",
        "''",
        "'=",
        '"',
        ",",
        "\r\n",
        "\n",
      ),
      fc.string({ unit: "binary" }),
    )
    .map(([a, b]) => a + b),
);

// ─────────────────────────────── CIDRs and the allowlist ───────────────────────────────

describe("CIDR parsing and matching", { timeout: 30_000 }, () => {
  it("parseCidr and parseAllowlistCidr never throw on any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        parseCidr(text);
        parseAllowlistCidr(text);
        ipToBigInt(text);
      }),
      { numRuns: 2000 },
    );
  });

  it("an IPv4 network reads back as itself, and contains exactly the addresses a mask comparison says", () => {
    fc.assert(
      fc.property(
        u32,
        fc.integer({ min: 0, max: 32 }),
        u32,
        (address, prefix, other) => {
          const network = (address & mask4(prefix)) >>> 0;
          const cidr = parseCidr(`${v4Text(network)}/${prefix}`);
          expect(cidr).toMatchObject({
            version: 4,
            network: BigInt(network),
            prefix,
            text: `${v4Text(network)}/${prefix}`,
          });
          expect(cidrContains(cidr!, v4Text(other))).toBe(
            (other & mask4(prefix)) >>> 0 === network,
          );
          expect(cidrContains(cidr!, `::ffff:${v4Text(other)}`)).toBe(
            (other & mask4(prefix)) >>> 0 === network,
          );
        },
      ),
      runs,
    );
  });

  it("the allowlist takes a network in canonical form, suggests the network for host bits, and refuses /0–/7", () => {
    fc.assert(
      fc.property(u32, fc.integer({ min: 0, max: 32 }), (address, prefix) => {
        const network = (address & mask4(prefix)) >>> 0;
        const result = parseAllowlistCidr(`${v4Text(address)}/${prefix}`);
        if (prefix < 8)
          expect(result).toMatchObject({ ok: false, reason: "too_wide" });
        else if (network !== address)
          expect(result).toEqual({
            ok: false,
            reason: "host_bits",
            suggestion: `${v4Text(network)}/${prefix}`,
          });
        else
          expect(result).toMatchObject({
            ok: true,
            cidr: { version: 4, text: `${v4Text(network)}/${prefix}` },
          });
      }),
      runs,
    );
  });

  it("typed with full-width digits, dots and slash (a Japanese IME), an entry reads as the half-width one", () => {
    fc.assert(
      fc.property(u32, fc.integer({ min: 0, max: 40 }), (address, prefix) => {
        const text = `${v4Text(address)}/${prefix}`;
        expect(parseAllowlistCidr(fullWidth(text))).toEqual(
          parseAllowlistCidr(text),
        );
        expect(parseAllowlistCidr(`  ${text}\u3000`)).toEqual(
          parseAllowlistCidr(text),
        );
      }),
      runs,
    );
  });

  it("an IPv6 network is stored in RFC 5952 form (as WHATWG URL writes it), and that form reads back unchanged", () => {
    fc.assert(
      fc.property(u128, fc.integer({ min: 16, max: 128 }), (value, prefix) => {
        const network = (value >> BigInt(128 - prefix)) << BigInt(128 - prefix);
        fc.pre(network >> 32n !== 0xffffn); // ::ffff:a.b.c.d is stored as the IPv4 network it maps
        const long = Array.from({ length: 8 }, (_, i) =>
          ((network >> BigInt(112 - 16 * i)) & 0xffffn)
            .toString(16)
            .toUpperCase()
            .padStart(4, "0"),
        ).join(":");
        const result = parseAllowlistCidr(`${long}/${prefix}`);
        expect(result).toMatchObject({
          ok: true,
          cidr: {
            version: 6,
            network,
            prefix,
            text: `${v6Text(network)}/${prefix}`,
          },
        });
        if (result.ok)
          expect(parseAllowlistCidr(result.cidr.text)).toEqual(result);
      }),
      runs,
    );
  });

  it("a prefix past the family's width, or a second slash, is malformed", () => {
    fc.assert(
      fc.property(
        u32,
        fc.integer({ min: 33, max: 999 }),
        u128,
        fc.integer({ min: 129, max: 999 }),
        (v4, p4, v6, p6) => {
          expect(parseAllowlistCidr(`${v4Text(v4)}/${p4}`)).toMatchObject({
            ok: false,
            reason: "malformed",
          });
          expect(parseAllowlistCidr(`${v6Text(v6)}/${p6}`)).toMatchObject({
            ok: false,
            reason: "malformed",
          });
          expect(parseAllowlistCidr(`${v4Text(v4)}/8/8`).ok).toBe(false);
          expect(parseCidr(`${v4Text(v4)}/${p4}`)).toBeNull();
        },
      ),
      runs,
    );
  });

  it("the compiled matcher agrees with a scan of every entry, validity windows included", () => {
    const entry = fc.record({
      address: u32,
      prefix: fc.integer({ min: 8, max: 32 }),
      from: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
      until: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
    });
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 30 }),
        fc.array(u32, { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 100 }),
        (raw, probes, t) => {
          // Addresses near the entries, so that matches are common.
          const entries = raw.map((e, i) => ({
            id: `e${i}`,
            cidr: `${v4Text((e.address & mask4(e.prefix)) >>> 0)}/${e.prefix}`,
            validFrom: e.from === null ? null : new Date(e.from),
            validUntil: e.until === null ? null : new Date(e.until),
          }));
          const compiled = compileAllowlist(entries);
          const now = new Date(t);
          for (const probe of [
            ...probes,
            ...raw.map((e) => (e.address ^ (probes[0]! & 0xff)) >>> 0),
          ]) {
            const ip = v4Text(probe);
            const expected = raw.some(
              (e) =>
                (probe & mask4(e.prefix)) >>> 0 ===
                  (e.address & mask4(e.prefix)) >>> 0 &&
                (e.from === null || e.from <= t) &&
                (e.until === null || t < e.until),
            );
            const answer = matchAllowlist(compiled, ip, now);
            expect(answer.allowed).toBe(expected);
            if (answer.allowed)
              expect(
                cidrContains(
                  parseCidr(
                    entries.find((e) => e.id === answer.entryId)!.cidr,
                  )!,
                  ip,
                ),
              ).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

// ─────────────────────────────── OCN IDs ───────────────────────────────

describe("OCN ID normalization", { timeout: 30_000 }, () => {
  it("is idempotent on any text", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary" }),
        (text) =>
          normalizeLoginId(normalizeLoginId(text)) === normalizeLoginId(text),
      ),
      { numRuns: 3000 },
    );
  });

  it("reads full-width letters, digits and symbols, capitals and surrounding spaces as the half-width ID", () => {
    const id = fc.stringMatching(
      /^[a-z0-9][a-z0-9._+-]{0,30}@[a-z0-9.-]{1,20}\.[a-z]{2,4}$/,
    );
    fc.assert(
      fc.property(
        id,
        fc.constantFrom("", " ", "\u3000", "\t"),
        (loginId, space) => {
          expect(
            normalizeLoginId(`${space}${fullWidth(loginId)}${space}`),
          ).toBe(loginId);
          expect(normalizeLoginId(fullWidth(loginId.toUpperCase()))).toBe(
            loginId,
          );
          expect(normalizeLoginId(loginId)).toBe(loginId);
        },
      ),
      runs,
    );
  });
});

// ─────────────────────────────── CSV ───────────────────────────────

describe("CSV", { timeout: 30_000 }, () => {
  it("any rows of any cells survive the export's quoting and the import's reading (formula guards included)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cellText, { minLength: 1, maxLength: 6 }), {
          minLength: 1,
          maxLength: 8,
        }),
        (rows) => {
          const parsed = parseCsv(rows.map(csvLine).join(""));
          expect(parsed.ok).toBe(true);
          if (parsed.ok)
            expect(parsed.records.map((r) => r.map(cellValue))).toEqual(rows);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("no exported cell starts as a formula would: a spreadsheet never runs one", () => {
    fc.assert(
      fc.property(cellText, (text) => {
        const field = csvLine([text]).slice(1); // after the opening quote
        expect(/^[=+\-@\t\r]/.test(field)).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it("unquoted text splits as a plain split on line breaks and commas does", () => {
    const plain = fc.array(
      fc.array(fc.stringMatching(/^[^",\r\n]*$/), {
        minLength: 1,
        maxLength: 5,
      }),
      { minLength: 1, maxLength: 6 },
    );
    fc.assert(
      fc.property(plain, fc.constantFrom("\r\n", "\n", "\r"), (rows, eol) => {
        fc.pre(rows.every((r) => r.length > 1 || r[0] !== "")); // a blank line is a record of one empty cell, not of none
        const parsed = parseCsv(rows.map((r) => r.join(",")).join(eol));
        expect(parsed).toEqual({ ok: true, records: rows });
      }),
      runs,
    );
  });

  it("never throws on any text, and an open quote is reported with the row it opens on", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        const parsed = parseCsv(text);
        if (!parsed.ok)
          expect(parsed.issue).toMatchObject({
            code: "unterminated_quote",
            row: expect.any(Number),
          });
      }),
      { numRuns: 2000 },
    );
  });

  it("files of any bytes are read or refused with a named issue, never thrown on (accounts, lines, roster, any headings)", () => {
    const known = new Set([
      "empty_file",
      "too_large",
      "too_many_rows",
      "no_rows",
      "utf16",
      "spreadsheet_file",
      "encoding_unreadable",
      "unterminated_quote",
      "missing_column",
      "duplicate_column",
      "unknown_column",
    ]);
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 400 }),
      fc
        .array(
          fc.constantFrom(
            "OCN ID",
            "氏名",
            "メールアドレス",
            "社員番号",
            "部署",
            "在籍区分",
            "電話番号",
            "ICCID",
            ",",
            "\r\n",
            '"',
            "=x",
            "\uFEFF",
            "\u0000",
          ),
          { maxLength: 30 },
        )
        .map((t) => new TextEncoder().encode(t.join(""))),
    );
    fc.assert(
      fc.property(bytes, (file) => {
        const decoded = decodeCsvBytes(file);
        if (!decoded.ok) expect(known.has(decoded.issue.code)).toBe(true);
        for (const parsed of [
          parseAccountCsv(file),
          parseLineCsv(file),
          parseHrCsv(file),
        ]) {
          for (const issue of parsed.fileIssues)
            expect(known.has(issue.code)).toBe(true);
          if (parsed.fileIssues.length > 0) expect(parsed.rows).toEqual([]);
          for (const row of parsed.rows)
            expect(row.row).toBeGreaterThanOrEqual(2);
        }
        const table = readCsvTable(
          file,
          { maxBytes: 300, maxRows: 5 },
          new Map([["a", "a"]]),
          [{ field: "a", heading: "a", english: "a", required: true }],
        );
        if (!table.ok) expect(table.fileIssues.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });

  it("a file holding a NUL is refused as unreadable (PostgreSQL cannot store one), whatever else it holds", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 100 }),
        fc.uint8Array({ maxLength: 100 }),
        (a, b) => {
          const file = new Uint8Array([...a, 0, ...b]);
          const decoded = decodeCsvBytes(file);
          expect(decoded.ok).toBe(false);
        },
      ),
      runs,
    );
  });
});

// ─────────────────────────────── dates and months ───────────────────────────────

describe(
  "dates and months the routes and forms read",
  { timeout: 30_000 },
  () => {
    it("isoDayExists agrees with the Gregorian calendar", () => {
      fc.assert(
        fc.property(dateParts, fc.string(), ({ y, m, d }, rest) => {
          expect(isoDayExists(`${pad(y, 4)}-${pad(m)}-${pad(d)}${rest}`)).toBe(
            dayExists(y, m, d),
          );
        }),
        runs,
      );
    });

    it("a statement month is YYYY-MM with a month 01–12, and its range is that month in Japan", () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1000, max: 9999 }),
          fc.integer({ min: -5, max: 20 }),
          fc.string(),
          (y, m, junk) => {
            const key = `${y}-${pad(m)}`;
            const valid = m >= 1 && m <= 12;
            expect(MONTH_KEY.test(key)).toBe(valid);
            expect(statementCsvSchema.safeParse({ month: key }).success).toBe(
              valid,
            );
            expect(
              statementCsvSchema.safeParse({ month: `${key}${junk}` }).success,
            ).toBe(valid && (junk === "" || false));
            if (!valid) return;
            expect(monthKeyOfDate(monthDate(key))).toBe(key);
            const { start, end } = monthRange(key);
            expect(start.getTime()).toBe(utcDay(y, m, 1) - JST);
            expect(end.getTime()).toBe(
              utcDay(y, m, daysIn(y, m)) + 86_400_000 - JST,
            );
          },
        ),
        runs,
      );
    });

    it("the audit filter's bounds read a JST day, refuse a day that does not exist, and a whole day ends at the next midnight", () => {
      fc.assert(
        fc.property(
          dateParts,
          fc.integer({ min: 0, max: 25 }),
          fc.integer({ min: 0, max: 61 }),
          ({ y, m, d }, h, mi) => {
            const inRange = y >= 2000 && y < 2100;
            const day = `${y}-${pad(m)}-${pad(d)}`;
            const from = parseJstBound(day, "from");
            const to = parseJstBound(day, "to");
            expect(from !== null).toBe(dayExists(y, m, d) && inRange);
            if (from) {
              expect(from.getTime()).toBe(utcDay(y, m, d) - JST);
              expect(to!.getTime() - from.getTime()).toBe(86_400_000);
            }
            const local = parseJstBound(`${day}T${pad(h)}:${pad(mi)}`, "from");
            expect(local !== null).toBe(
              dayExists(y, m, d) && inRange && h <= 23 && mi <= 59,
            );
            // ISO 8601 also writes the end of a day as 24:00, which is the next midnight.
            const iso = parseJstBound(
              `${day}T${pad(h)}:${pad(mi)}:00Z`,
              "from",
            );
            expect(iso !== null).toBe(
              dayExists(y, m, d) &&
                inRange &&
                ((h <= 23 && mi <= 59) || (h === 24 && mi === 0)),
            );
            if (iso)
              expect(iso.getTime()).toBe(
                utcDay(y, m, d) + (h * 60 + mi) * 60_000,
              );
          },
        ),
        runs,
      );
    });

    it("the audit cursor reads back what it wrote, and any other text is no cursor rather than an error", () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 4_102_444_800_000 }),
          fc.bigInt({ min: 0n, max: 9_223_372_036_854_775_807n }),
          fc.string(),
          (ms, id, junk) => {
            expect(
              decodeAuditCursor(
                encodeAuditCursor({ occurredAt: new Date(ms), id }),
              ),
            ).toEqual({ occurredAt: new Date(ms), id });
            const other = decodeAuditCursor(junk);
            if (other)
              expect(encodeAuditCursor(other)).toBe(
                junk
                  .trim()
                  .replace(/^0+(?=\d)/, "")
                  .replace(/_0+(?=\d)/, "_"),
              );
          },
        ),
        runs,
      );
    });

    it("the allowlist form's JST date-time reads a real wall-clock time, refuses an impossible one, and reads ISO with its offset", () => {
      fc.assert(
        fc.property(
          dateParts,
          fc.integer({ min: 0, max: 25 }),
          fc.integer({ min: 0, max: 61 }),
          fc.constantFrom("-", "/"),
          ({ y, m, d }, h, mi, sep) => {
            const ok = dayExists(y, m, d) && h <= 23 && mi <= 59;
            const local = parseJstDateTime(
              `${y}${sep}${pad(m)}${sep}${pad(d)} ${pad(h)}:${pad(mi)}`,
            );
            expect(local !== null).toBe(ok);
            if (local)
              expect(local.getTime()).toBe(
                utcDay(y, m, d) + (h * 60 + mi) * 60_000 - JST,
              );
            // ISO 8601 also writes the end of a day as 24:00, which is the next midnight.
            const iso = parseJstDateTime(
              `${y}-${pad(m)}-${pad(d)}T${pad(h)}:${pad(mi)}+09:00`,
            );
            expect(iso !== null).toBe(
              ok || (dayExists(y, m, d) && h === 24 && mi === 0),
            );
            if (iso)
              expect(iso.getTime()).toBe(
                utcDay(y, m, d) + (h * 60 + mi) * 60_000 - JST,
              );
          },
        ),
        runs,
      );
    });

    it("the accounts CSV's grant end reads a day as through that day in Japan, and writes back as it reads", () => {
      fc.assert(
        fc.property(dateParts, ({ y, m, d }) => {
          const date = parseJstDate(`${y}/${m}/${d}`);
          expect(date !== null).toBe(dayExists(y, m, d));
          if (!date) return;
          expect(date.getTime()).toBe(utcDay(y, m, d) + 86_400_000 - JST);
          expect(parseJstDate(formatJst(date))!.getTime()).toBe(date.getTime());
        }),
        runs,
      );
    });

    it("an ingested event's time is taken only when its day exists and it is not ahead of the clock", () => {
      const now = new Date("2026-11-27T12:00:00Z");
      fc.assert(
        fc.property(
          dateParts,
          fc.constantFrom("Z", "+09:00", "-05:30"),
          ({ y, m, d }, offset) => {
            const occurredAt = `${y}-${pad(m)}-${pad(d)}T09:30:00${offset}`;
            const batch = parseIngestionBatch(
              {
                events: [
                  {
                    id: "e1",
                    occurredAt,
                    source: "mail",
                    loginId: "a@example.jp",
                    outcome: "success",
                    ip: "192.0.2.1",
                  },
                ],
              },
              now,
            );
            const expected =
              dayExists(y, m, d) &&
              Date.parse(occurredAt) <= now.getTime() + 5 * 60_000;
            expect(batch.ok).toBe(expected);
            if (batch.ok)
              expect(batch.events[0]!.occurredAt.getTime()).toBe(
                Date.parse(occurredAt),
              );
          },
        ),
        runs,
      );
    });

    it("an ingested batch of any JSON is refused with its issues named, never thrown on", () => {
      fc.assert(
        fc.property(
          fc.jsonValue({ maxDepth: 3 }),
          fc.array(
            fc.dictionary(
              fc.constantFrom(
                "id",
                "occurredAt",
                "source",
                "loginId",
                "outcome",
                "reason",
                "ip",
                "country",
                "userAgent",
              ),
              fc.jsonValue({ maxDepth: 2 }),
            ),
            { maxLength: 20 },
          ),
          (body, events) => {
            for (const input of [body, { events }]) {
              const batch = parseIngestionBatch(input, new Date());
              if (!batch.ok) {
                expect(batch.errors.length).toBeGreaterThan(0);
                expect(batch.errors.length).toBeLessThanOrEqual(100);
                for (const e of batch.errors) expect(e.message).toBeTruthy();
              }
            }
          },
        ),
        { numRuns: 200 },
      );
    });
  },
);

// ─────────────────────────────── the client's address ───────────────────────────────

describe("the client address behind proxies", { timeout: 30_000 }, () => {
  const trusted = parseTrustedProxies("127.0.0.1, 10.0.0.0/8");
  const isTrusted = (ip: string) => trusted.some((t) => cidrContains(t, ip));
  const anyIp = fc.oneof(
    u32.map(v4Text),
    u128.map(v6Text),
    fc.constantFrom("127.0.0.1", "10.1.2.3", "10.255.0.1"),
  );

  it("normalizeIp answers an address or null for any text, and is idempotent", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: "binary" }),
          anyIp,
          anyIp.map((ip) => `[${ip}]`),
          anyIp.map((ip) => ` ::ffff:${ip} `),
        ),
        (text) => {
          const ip = normalizeIp(text);
          if (ip !== null) {
            expect(isIP(ip)).not.toBe(0);
            expect(normalizeIp(ip)).toBe(ip);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("walks X-Forwarded-For from the right past trusted proxies only, as a reference walk does; garbage stops the walk", () => {
    const hop = fc.oneof(
      anyIp,
      fc.constantFrom("garbage", "", "999.1.1.1", "unknown", "[::1"),
    );
    fc.assert(
      fc.property(
        fc.oneof(anyIp, fc.constant("127.0.0.1")),
        fc.array(hop, { maxLength: 8 }),
        (socket, hops) => {
          const header = hops.join(", ");
          let expected = normalizeIp(socket);
          for (const h of [...hops].reverse()) {
            if (!expected || !isTrusted(expected)) break;
            const next = normalizeIp(h);
            if (!next) break;
            expected = next;
          }
          expect(resolveClientIp(socket, header, trusted)).toBe(
            hops.length === 0 ? normalizeIp(socket) : expected,
          );
          // Without trusted proxies the header is never believed.
          expect(resolveClientIp(socket, header, [])).toBe(normalizeIp(socket));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("never throws on any header", () => {
    fc.assert(
      fc.property(
        fc.option(fc.string({ unit: "binary" }), { nil: null }),
        fc.option(fc.string({ unit: "binary" }), { nil: null }),
        (socket, header) => {
          const ip = resolveClientIp(socket, header, trusted);
          if (ip !== null) expect(isIP(ip)).not.toBe(0);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

// ─────────────────────────────── the HR roster ───────────────────────────────

describe("HR roster CSV", { timeout: 30_000 }, () => {
  const person = fc.record({
    employeeNumber: fc.stringMatching(/^[A-Z0-9][A-Z0-9-]{0,19}$/),
    name: fc
      .stringMatching(/^[^\s"',\u0000-\u001f\u007f-\u009f]{1,20}$/)
      .filter(
        (s) =>
          s.normalize("NFKC") === s &&
          s.trim() === s &&
          !/^[=+\-@]/.test(s) &&
          !s.includes("\uFEFF"),
      ),
    department: fc.constantFrom("総務部", "第一営業部", "Sales", "大阪支店"),
    employmentStatus: fc.constantFrom(...EMPLOYMENT_STATUSES),
    day: fc.record({
      y: fc.integer({ min: 1900, max: 2200 }),
      m: fc.integer({ min: 1, max: 12 }),
      d: fc.integer({ min: 1, max: 28 }),
    }),
  });
  const roster = fc.uniqueArray(person, {
    selector: (p) => p.employeeNumber,
    minLength: 1,
    maxLength: 12,
  });

  it("a roster written as the template's CSV reads back as the same people", () => {
    fc.assert(
      fc.property(roster, fc.boolean(), (people, bom) => {
        const rows = people.map((p) => {
          const date =
            p.employmentStatus === "terminated"
              ? formatRosterDate(new Date(utcDay(p.day.y, p.day.m, p.day.d)))
              : "";
          return csvLine([
            p.employeeNumber,
            p.name,
            "",
            p.department,
            EMPLOYMENT_STATUS_LABELS[p.employmentStatus],
            date,
          ]);
        });
        const text = `${bom ? "\uFEFF" : ""}${csvLine(HR_COLUMNS.map((c) => c.heading))}${rows.join("")}`;
        const parsed = parseHrCsv(new TextEncoder().encode(text));
        expect(parsed.fileIssues).toEqual([]);
        expect(parsed.rows.map((r) => r.issues)).toEqual(people.map(() => []));
        expect(parsed.rows.map((r) => r.value)).toEqual(
          people.map((p) => ({
            employeeNumber: p.employeeNumber,
            name: p.name,
            nameKana: null,
            department: p.department,
            employmentStatus: p.employmentStatus,
            terminationDate:
              p.employmentStatus === "terminated"
                ? new Date(utcDay(p.day.y, p.day.m, p.day.d))
                : null,
          })),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("the plan accounts for every row and removes exactly the stored people the file leaves out", () => {
    fc.assert(
      fc.property(roster, roster, (file, stored) => {
        const text =
          csvLine(HR_COLUMNS.map((c) => c.heading)) +
          file
            .map((p) =>
              csvLine([
                p.employeeNumber,
                p.name,
                "",
                p.department,
                EMPLOYMENT_STATUS_LABELS[
                  p.employmentStatus === "terminated"
                    ? "active"
                    : p.employmentStatus
                ],
                "",
              ]),
            )
            .join("");
        const parsed = parseHrCsv(new TextEncoder().encode(text));
        const existing = new Map<string, ExistingHrRecord>(
          stored.map((p, i) => [
            p.employeeNumber,
            {
              id: `r${i}`,
              employeeNumber: p.employeeNumber,
              name: p.name,
              nameKana: null,
              department: p.department,
              employmentStatus: "active",
              terminationDate: null,
            },
          ]),
        );
        const plan = planHrImport(parsed, existing);
        const named = new Set(file.map((p) => p.employeeNumber));
        expect(plan.rows).toHaveLength(file.length);
        expect(
          plan.counts.create +
            plan.counts.update +
            plan.counts.unchanged +
            plan.counts.error,
        ).toBe(file.length);
        expect(plan.removed.map((r) => r.employeeNumber).sort()).toEqual(
          stored
            .map((p) => p.employeeNumber)
            .filter((n) => !named.has(n))
            .sort(),
        );
        expect(plan.counts.create).toBe(
          file.filter((p) => !existing.has(p.employeeNumber)).length,
        );
      }),
      { numRuns: 300 },
    );
  });

  it("each state's words read as that state, in full-width and any case too; other words as none", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...EMPLOYMENT_STATUSES),
        fc.string(),
        (status, other) => {
          const label = EMPLOYMENT_STATUS_LABELS[status];
          expect(parseEmploymentStatus(label)).toBe(status);
          expect(
            parseEmploymentStatus(` ${fullWidth(status.toUpperCase())} `),
          ).toBe(status);
          const read = parseEmploymentStatus(other);
          if (read !== null) expect(EMPLOYMENT_STATUSES).toContain(read);
        },
      ),
      runs,
    );
  });

  it("a roster date reads a real day in 1900–2200 in every written form, and nothing else", () => {
    fc.assert(
      fc.property(
        fc.record({
          y: fc.integer({ min: 1800, max: 2300 }),
          m: fc.integer({ min: 0, max: 13 }),
          d: fc.integer({ min: 0, max: 32 }),
        }),
        ({ y, m, d }) => {
          const ok = dayExists(y, m, d) && y >= 1900 && y <= 2200;
          for (const text of [
            `${y}/${pad(m)}/${pad(d)}`,
            `${y}-${m}-${d}`,
            fullWidth(`${y}/${pad(m)}/${pad(d)}`),
            `${y}年${m}月${d}日`,
          ]) {
            const date = parseRosterDate(text);
            expect(date !== null).toBe(ok);
            if (date) {
              expect(date.getTime()).toBe(utcDay(y, m, d));
              expect(parseRosterDate(formatRosterDate(date)!)).toEqual(date);
            }
          }
        },
      ),
      runs,
    );
  });
});

// ─────────────────────────────── what the proxy screens ───────────────────────────────

describe("server-action bodies and storable text", { timeout: 30_000 }, () => {
  /** encodeReply's text form of plain values: JSON, a string starting with "$" escaped as "$$". */
  const encodeReply = (args: unknown[]) =>
    JSON.stringify(args, (_k, v: unknown) =>
      typeof v === "string" && v.startsWith("$") ? `$${v}` : v,
    );

  it("any plain arguments a client encodes are readable; the same text with a reference to nothing is not", () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue()),
        fc.constantFrom(
          "$Q1",
          "$W1",
          "$F1",
          "$B1",
          "$S1",
          "$1",
          "$@1",
          "$K1",
          "$h1",
          "$nzz",
        ),
        (args, reference) => {
          expect(readableActionText(encodeReply(args))).toBe(true);
          expect(readableActionText(JSON.stringify([...args, reference]))).toBe(
            false,
          );
        },
      ),
      runs,
    );
  });

  it("never throws on any body; only a JSON array can be arguments", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary" }),
        fc.jsonValue(),
        (text, value) => {
          readableActionText(text);
          if (!Array.isArray(value))
            expect(readableActionText(JSON.stringify(value))).toBe(false);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("a form argument is readable when its fields were sent, and a no-JS form when its action fields are JSON", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), fc.string()),
        fc.jsonValue(),
        (fields, state) => {
          const form = new FormData();
          for (const [name, value] of Object.entries(fields))
            form.append(`_1_${name}`, value);
          // The state as the client encodes it, then the form's reference as React writes it (not escaped).
          const [encodedState] = JSON.parse(encodeReply([state])) as unknown[];
          form.append("0", JSON.stringify([encodedState, "$K1"]));
          expect(readableActionForm(form, true)).toBe(
            Object.keys(fields).length > 0,
          );
          const noJs = new FormData();
          noJs.append("$ACTION_REF_1", "");
          noJs.append(
            "$ACTION_1:0",
            JSON.stringify({ id: "7f00", bound: "$@1" }),
          );
          noJs.append("$ACTION_1:1", JSON.stringify([state]));
          expect(readableActionForm(noJs, false)).toBe(true);
          noJs.delete("$ACTION_1:1");
          expect(readableActionForm(noJs, false)).toBe(false);
        },
      ),
      runs,
    );
  });

  it("storableText refuses exactly a NUL or half a surrogate pair", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary" }),
        fc.constantFrom("", "\u0000", "\uD800", "\uDFFF", "\uD83D\uDE00"),
        fc.string({ unit: "binary" }),
        (a, middle, b) => {
          const text = a + middle + b;
          const reference =
            !text.includes("\u0000") &&
            !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(
              text,
            );
          expect(storableText(text)).toBe(reference);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
