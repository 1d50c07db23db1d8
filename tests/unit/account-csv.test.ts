import { describe, expect, it } from "vitest";
import {
  accountCsvTemplate,
  cellValue,
  csvField,
  csvLine,
  decodeCsvBytes,
  formatJst,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  newAccountIssues,
  parseAccountCsv,
  parseCsv,
  parseJstDate,
  splitRoles,
} from "@/lib/policy/account-csv";
import { shiftJis } from "@/tests/support/shift-jis";

const utf8 = (text: string) => new TextEncoder().encode(text);
const HEADER = "OCN ID,氏名,フリガナ,メールアドレス,社員番号,部署コード,区分,委託先,ロール,権限期限";
const rowsOf = (bytes: Uint8Array) => parseAccountCsv(bytes);

describe("decoding", () => {
  it("reads UTF-8 with a BOM as UTF-8 and drops the BOM", () => {
    const result = decodeCsvBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8("氏名,OCN ID")]));
    expect(result).toEqual({ ok: true, text: "氏名,OCN ID", encoding: "utf-8-bom" });
  });

  it("reads UTF-8 without a BOM", () => {
    expect(decodeCsvBytes(utf8("氏名\r\n山田"))).toEqual({ ok: true, text: "氏名\r\n山田", encoding: "utf-8" });
  });

  it("falls back to Shift_JIS for bytes that are not UTF-8 (known byte sequences)", () => {
    expect(decodeCsvBytes(Uint8Array.from(Buffer.from("8e8182a0", "hex")))).toEqual({ ok: true, text: "氏あ", encoding: "shift_jis" });
    // 氏名,部署コード,① (an NEC special character Windows writes), half-width ｱｲｳ
    const bytes = Buffer.from("8e8196bc2c95948f908352815b83682c87402cb1b2b3", "hex");
    expect(decodeCsvBytes(Uint8Array.from(bytes))).toEqual({ ok: true, text: "氏名,部署コード,①,ｱｲｳ", encoding: "shift_jis" });
  });

  it("the tests' Shift_JIS encoder writes the same bytes as a reference encoder", () => {
    expect(Buffer.from(shiftJis("山田 太郎")).toString("hex")).toBe("8e5293632091be9859");
    expect(Buffer.from(shiftJis("ヤマダ タロウ")).toString("hex")).toBe("8384837d835f20835e838d8345");
    expect(Buffer.from(shiftJis("社員,委託,髙橋")).toString("hex")).toBe("8ed088f52c88cf91f52ceee08bb4");
  });

  it("names what it cannot read: UTF-16, a spreadsheet file, bytes in no known encoding, nothing at all", () => {
    expect(decodeCsvBytes(Uint8Array.from([0xff, 0xfe, 0x41, 0x00]))).toMatchObject({ ok: false, issue: { code: "utf16" } });
    expect(decodeCsvBytes(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14]))).toMatchObject({ ok: false, issue: { code: "spreadsheet_file" } });
    expect(decodeCsvBytes(Uint8Array.from([0x41, 0x81, 0x20]))).toMatchObject({ ok: false, issue: { code: "encoding_unreadable" } });
    expect(decodeCsvBytes(new Uint8Array())).toMatchObject({ ok: false, issue: { code: "empty_file" } });
  });
});

describe("RFC 4180 parsing", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks, across CRLF, LF and CR", () => {
    const text = 'a,"b,1","say ""hi"""\r\n"multi\r\nline",,x\nlast,"",z\rcr,only,row\r\n';
    expect(parseCsv(text)).toEqual({
      ok: true,
      records: [
        ["a", "b,1", 'say "hi"'],
        ["multi\r\nline", "", "x"],
        ["last", "", "z"],
        ["cr", "only", "row"],
      ],
    });
  });

  it("keeps a stray quote inside an unquoted field and reads a file without a final line break", () => {
    expect(parseCsv('5"10,b\nc,d')).toEqual({ ok: true, records: [['5"10', "b"], ["c", "d"]] });
  });

  it("names the row where an unclosed quote starts", () => {
    expect(parseCsv('h1,h2\r\nok,1\r\n"broken,2\r\nmore,3')).toEqual({ ok: false, issue: { row: 3, column: null, code: "unterminated_quote" } });
  });
});

describe("reading an accounts CSV", () => {
  it("accepts English headings and full-width headings, and ignores the export's read-only columns", () => {
    const en = rowsOf(utf8("login_id,display_name,email,department_code,status\ntaro@example.jp,山田 太郎,taro@example.jp,1110,有効\n"));
    expect(en.fileIssues).toEqual([]);
    expect(en.warnings).toEqual([]);
    expect(en.rows[0]!.value).toMatchObject({ loginId: "taro@example.jp", departmentCode: "1110" });
    const wide = rowsOf(utf8("ＯＣＮ　ＩＤ,氏名,メールアドレス\nhanako,花子,h@example.jp\n"));
    expect(wide.fileIssues).toEqual([]);
    expect(wide.rows[0]!.value?.loginId).toBe("hanako");
  });

  it("normalises full-width IDs, numbers and mail (NFKC), and reads the kind in Japanese or English", () => {
    const csv = `${HEADER}\r\nＴＡＲＯ．ＹＡＭＡＤＡ＠ＥＸＡＭＰＬＥ．ＪＰ,山田　太郎,ﾔﾏﾀﾞ ﾀﾛｳ,Ｔａｒｏ＠Ｅｘａｍｐｌｅ．ｊｐ,ｅ００１２３,１１１０,社員,,利用者；アカウント管理者,\r\n`;
    const [row] = rowsOf(utf8(csv)).rows;
    expect(row!.issues).toEqual([]);
    expect(row!.value).toEqual({
      loginId: "taro.yamada@example.jp",
      displayName: "山田 太郎",
      nameKana: "ヤマダ タロウ",
      email: "taro@example.jp",
      employeeNumber: "E00123",
      departmentCode: "1110",
      kind: "employee",
      contractorCompany: null,
      roles: ["利用者", "アカウント管理者"],
      grantEndsAt: null,
    });
    const contractor = rowsOf(utf8(`OCN ID,氏名,メールアドレス,区分\nx1,委託 一郎,x1@example.jp,contractor\nx2,委託 二郎,x2@example.jp,委託\n`));
    expect(contractor.rows.map((r) => r.value?.kind)).toEqual(["contractor", "contractor"]);
  });

  it("reads a Shift_JIS file and names each error by its spreadsheet row and the column's heading", () => {
    const csv = [
      HEADER,
      "sato@example.jp,佐藤 一郎,サトウ イチロウ,sato@example.jp,E001,1110,社員,,,",
      'suzuki@example.jp,"鈴木, 次郎",スズキ ジロウ,not-a-mail,E002,1110,社員,,,',
      "tanaka@example.jp,,タナカ,tanaka@example.jp,E003,1110,派遣,,,2026/02/30",
    ].join("\r\n");
    const parsed = rowsOf(shiftJis(csv));
    expect(parsed.encoding).toBe("shift_jis");
    expect(parsed.rows.map((r) => r.row)).toEqual([2, 3, 4]);
    expect(parsed.rows[0]!.issues).toEqual([]);
    expect(parsed.rows[1]!.issues).toEqual([{ row: 3, column: "メールアドレス", code: "email_format", params: { value: "not-a-mail" } }]);
    expect(parsed.rows[1]!.value).toBeNull();
    expect(parsed.rows[2]!.issues.map((i) => [i.row, i.column, i.code])).toEqual([
      [4, "氏名", "required"],
      [4, "区分", "kind_unknown"],
      [4, "権限期限", "date_format"],
    ]);
  });

  it("counts a record with a line break inside quotes as one spreadsheet row, and skips empty rows", () => {
    const parsed = rowsOf(utf8(`OCN ID,氏名,メールアドレス\r\na1,"二行の\r\n名前",a1@example.jp\r\n\r\na2,,a2@example.jp\r\n`));
    expect(parsed.rows.map((r) => r.row)).toEqual([2, 4]);
    expect(parsed.rows[1]!.issues[0]).toMatchObject({ row: 4, column: "氏名", code: "required" });
  });

  it("names the heading the file used, in English too", () => {
    const parsed = rowsOf(utf8("login_id,display_name,email\nＡ Ｂ,名前,x@example.jp\n"));
    expect(parsed.rows[0]!.issues).toEqual([{ row: 2, column: "login_id", code: "login_id_format", params: { value: "Ａ Ｂ" } }]);
  });

  it("refuses a file without a required column, with a column twice, or without rows; warns about unknown columns", () => {
    expect(rowsOf(utf8("氏名,メールアドレス\nx,y@example.jp\n")).fileIssues).toEqual([{ row: 1, column: "OCN ID", code: "missing_column", params: { english: "login_id" } }]);
    expect(rowsOf(utf8("OCN ID,login_id,氏名,メールアドレス\n")).fileIssues[0]).toMatchObject({ code: "duplicate_column", column: "login_id", params: { other: "OCN ID" } });
    expect(rowsOf(utf8("OCN ID,氏名,メールアドレス\r\n\r\n")).fileIssues).toEqual([{ row: null, column: null, code: "no_rows" }]);
    const extra = rowsOf(utf8("OCN ID,氏名,メールアドレス,備考\nab,名前,a@example.jp,メモ\n"));
    expect(extra.warnings).toEqual([{ row: 1, column: "備考", code: "unknown_column", params: { position: 4 } }]);
    expect(extra.rows[0]!.issues).toEqual([]);
  });

  it("flags a row with text beyond the last column (a comma that needed quotes)", () => {
    const parsed = rowsOf(utf8("OCN ID,氏名,メールアドレス\na,山田,太郎,a@example.jp\n"));
    expect(parsed.rows[0]!.issues.map((i) => i.code)).toContain("too_many_cells");
  });

  it("caps the file at 5 MB and 20,000 rows with a clear reason", () => {
    expect(rowsOf(new Uint8Array(MAX_IMPORT_BYTES + 1)).fileIssues[0]).toMatchObject({ code: "too_large", params: { max: MAX_IMPORT_BYTES } });
    const many = "OCN ID,氏名,メールアドレス\n" + "a,b,c@example.jp\n".repeat(MAX_IMPORT_ROWS + 1);
    expect(rowsOf(utf8(many)).fileIssues[0]).toMatchObject({ code: "too_many_rows", params: { rows: MAX_IMPORT_ROWS + 1, max: MAX_IMPORT_ROWS } });
  });
});

describe("dates in JST", () => {
  it("reads a date as through that day, and a date-time to the minute, in Japan time", () => {
    expect(parseJstDate("2026/12/31")!.toISOString()).toBe("2026-12-31T15:00:00.000Z");
    expect(parseJstDate("2026-12-31 18:00")!.toISOString()).toBe("2026-12-31T09:00:00.000Z");
    expect(parseJstDate("２０２６/1/5 9:05")!.toISOString()).toBe("2026-01-05T00:05:00.000Z");
    expect(parseJstDate("2026/02/30")).toBeNull();
    expect(parseJstDate("2026/12/31 24:00")).toBeNull();
    expect(parseJstDate("31/12/2026")).toBeNull();
    expect(formatJst(new Date("2026-12-31T15:00:00Z"))).toBe("2027/01/01 00:00");
  });
});

describe("rules for a new account", () => {
  const headings = {};
  const now = new Date("2026-11-24T00:00:00Z");
  const base = { loginId: "x", displayName: "x", email: "x@example.jp" };

  it("a contractor's roles need an end time in the future, and a contractor names the company", () => {
    expect(newAccountIssues({ ...base, kind: "contractor", contractorCompany: "株式会社ABC", roles: ["利用者"] }, 5, headings, now)).toEqual([
      { row: 5, column: "権限期限", code: "contractor_needs_end" },
    ]);
    expect(newAccountIssues({ ...base, kind: "contractor", contractorCompany: "株式会社ABC", roles: ["利用者"], grantEndsAt: new Date("2026-11-01T00:00:00Z") }, 5, headings, now)[0]).toMatchObject({
      code: "date_past",
    });
    expect(newAccountIssues({ ...base, kind: "contractor", roles: [] }, 5, headings, now)).toEqual([{ row: 5, column: "委託先", code: "contractor_company_required" }]);
    expect(newAccountIssues({ ...base, kind: "contractor", contractorCompany: "ABC", roles: ["利用者"], grantEndsAt: new Date("2027-03-31T15:00:00Z") }, 5, headings, now)).toEqual([]);
  });

  it("an end time belongs with roles; an employee has no contractor company", () => {
    expect(newAccountIssues({ ...base, roles: [], grantEndsAt: new Date("2027-01-01T00:00:00Z") }, 2, headings, now)[0]).toMatchObject({ code: "end_without_roles" });
    expect(newAccountIssues({ ...base, kind: "employee", contractorCompany: "ABC" }, 2, headings, now)[0]).toMatchObject({ code: "contractor_company_for_employee" });
    expect(newAccountIssues({ ...base, roles: ["利用者"] }, 2, headings, now)).toEqual([]);
  });
});

describe("writing CSV for Excel", () => {
  it("quotes every field, doubles quotes, ends lines with CRLF", () => {
    expect(csvLine(["a", 'say "hi"', null, "改行\nあり"])).toBe('"a","say ""hi""","","改行\nあり"\r\n');
  });

  it("neutralises cells a spreadsheet would run as a formula, and the import reads them back as written", () => {
    for (const dangerous of ["=HYPERLINK(\"http://evil\")", "+81", "-1+2", "@SUM(A1)", "\tx", "\rx"]) {
      const field = csvField(dangerous);
      expect(field.startsWith(`"'`)).toBe(true);
      const parsed = parseCsv(field);
      expect(parsed.ok && cellValue(parsed.records[0]![0]!)).toBe(dangerous);
    }
    expect(csvField("普通の値")).toBe('"普通の値"');
    expect(cellValue("'quoted on purpose")).toBe("'quoted on purpose");
  });

  it("splits roles on ; (full-width too) and 、 without blanks or repeats", () => {
    expect(splitRoles("利用者; 人事；;人事、org_admin")).toEqual(["利用者", "人事", "org_admin"]);
  });

  it("the template is UTF-8 with a BOM and the Japanese headings, which the import reads", () => {
    const template = accountCsvTemplate();
    expect(template.startsWith("\uFEFF\"OCN ID\",\"氏名\"")).toBe(true);
    const parsed = parseAccountCsv(utf8(template + '"a","b","","a@example.jp","","","","","",""\r\n'));
    expect(parsed.encoding).toBe("utf-8-bom");
    expect(parsed.fileIssues).toEqual([]);
    expect(Object.keys(parsed.headings)).toHaveLength(10);
  });
});

describe("messages", () => {
  it("every problem the import can name has its words in Japanese and English", async () => {
    const { IMPORT_ISSUE_CODES } = await import("@/lib/policy/account-csv");
    for (const locale of ["ja", "en"]) {
      const messages = (await import(`@/lib/i18n/messages/${locale}/account-import.json`)).default as { accountImport: { issue: { codes: Record<string, string> } } };
      expect(Object.keys(messages.accountImport.issue.codes).sort(), locale).toEqual([...IMPORT_ISSUE_CODES].sort());
    }
  });
});
