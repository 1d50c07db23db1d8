import { describe, expect, it } from "vitest";
import {
  formatRosterDate,
  hrCsvTemplate,
  MAX_HR_IMPORT_BYTES,
  MAX_HR_IMPORT_ROWS,
  parseEmploymentStatus,
  parseHrCsv,
  parseRosterDate,
  planHrImport,
  type ExistingHrRecord,
} from "@/lib/policy/hr-csv";
import { accountUsable, departmentKey, rosterFlags } from "@/lib/policy/roster-reconcile";
import { shiftJis } from "@/tests/support/shift-jis";

const utf8 = (text: string) => new TextEncoder().encode(text);
const HEADER = "社員番号,氏名,氏名カナ,部署,在籍区分,退職日";
const csv = (...rows: string[]) => utf8([HEADER, ...rows].join("\r\n"));
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("reading the file", () => {
  it("reads UTF-8 with a BOM, the Japanese headings and every field", () => {
    const parsed = parseHrCsv(utf8(`\uFEFF${HEADER}\r\nE001,山田 太郎,ヤマダ タロウ,第一営業部,在籍,\r\nE002,佐藤 花子,,総務部,退職,2026/03/31\r\n`));
    expect(parsed.encoding).toBe("utf-8-bom");
    expect(parsed.fileIssues).toEqual([]);
    expect(parsed.rows.map((r) => r.value)).toEqual([
      { employeeNumber: "E001", name: "山田 太郎", nameKana: "ヤマダ タロウ", department: "第一営業部", employmentStatus: "active", terminationDate: null },
      { employeeNumber: "E002", name: "佐藤 花子", nameKana: null, department: "総務部", employmentStatus: "terminated", terminationDate: day("2026-03-31") },
    ]);
  });

  it("reads a Shift_JIS file as Windows writes it", () => {
    const parsed = parseHrCsv(shiftJis(`${HEADER}\r\nE010,髙橋 一郎,ﾀｶﾊｼ ｲﾁﾛｳ,大阪支店,休職,\r\n`));
    expect(parsed.encoding).toBe("shift_jis");
    // Half-width katakana is stored full-width (NFKC), as the account forms store it.
    expect(parsed.rows[0]!.value).toMatchObject({ employeeNumber: "E010", name: "髙橋 一郎", nameKana: "タカハシ イチロウ", department: "大阪支店", employmentStatus: "leave" });
  });

  it("accepts English headings, aliases and any column order; unknown columns are skipped with a note", () => {
    const parsed = parseHrCsv(utf8("Employment Status,Employee Number,Name,Department,役職\r\nactive,e-77,Ken Mori,Sales,課長"));
    expect(parsed.fileIssues).toEqual([]);
    expect(parsed.warnings).toEqual([{ row: 1, column: "役職", code: "unknown_column", params: { position: 5 } }]);
    expect(parsed.rows[0]!.value).toEqual({ employeeNumber: "E-77", name: "Ken Mori", nameKana: null, department: "Sales", employmentStatus: "active", terminationDate: null });
    expect(parseHrCsv(utf8("従業員番号,名前,所属,在籍状況\r\nE1,山田,経理部,在職")).rows[0]!.value).toMatchObject({ employeeNumber: "E1", department: "経理部", employmentStatus: "active" });
  });

  it("names the missing headings (and the ones it did not recognise) when the file is not a roster", () => {
    const parsed = parseHrCsv(utf8("OCN ID,氏名,メールアドレス\r\na@example.jp,山田,a@example.jp"));
    expect(parsed.rows).toEqual([]);
    expect(parsed.fileIssues.map((i) => [i.code, i.column])).toEqual([
      ["missing_column", "社員番号"],
      ["missing_column", "部署"],
      ["missing_column", "在籍区分"],
    ]);
    expect(parsed.warnings.map((w) => w.column)).toEqual(["OCN ID", "メールアドレス"]);
  });

  it("refuses a heading given twice", () => {
    expect(parseHrCsv(utf8("社員番号,氏名,部署,在籍区分,従業員番号\r\nE1,a,b,在籍,E2")).fileIssues).toEqual([
      { row: 1, column: "従業員番号", code: "duplicate_column", params: { other: "社員番号" } },
    ]);
  });

  it("names what it cannot read: empty, headings only, UTF-16, a workbook, the wrong encoding, too large, too many rows", () => {
    expect(parseHrCsv(new Uint8Array()).fileIssues[0]!.code).toBe("empty_file");
    expect(parseHrCsv(utf8("\r\n\r\n")).fileIssues[0]!.code).toBe("empty_file");
    expect(parseHrCsv(utf8(`${HEADER}\r\n,,,,,\r\n`)).fileIssues[0]!.code).toBe("no_rows");
    expect(parseHrCsv(Uint8Array.from([0xff, 0xfe, 0x41, 0x00])).fileIssues[0]!.code).toBe("utf16");
    expect(parseHrCsv(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14])).fileIssues[0]!.code).toBe("spreadsheet_file");
    expect(parseHrCsv(Uint8Array.from([0x41, 0x81, 0x20])).fileIssues[0]!.code).toBe("encoding_unreadable");
    expect(parseHrCsv(new Uint8Array(MAX_HR_IMPORT_BYTES + 1)).fileIssues[0]).toMatchObject({ code: "too_large", params: { max: MAX_HR_IMPORT_BYTES } });
    const many = Array.from({ length: MAX_HR_IMPORT_ROWS + 1 }, (_, i) => `E${i},a,b,在籍,`);
    expect(parseHrCsv(csv(...many)).fileIssues[0]).toMatchObject({ code: "too_many_rows", params: { rows: MAX_HR_IMPORT_ROWS + 1, max: MAX_HR_IMPORT_ROWS } });
    expect(parseHrCsv(csv('E1,"山田,a,b,在籍,')).fileIssues[0]).toMatchObject({ code: "unterminated_quote", row: 2 });
  });
});

describe("statuses", () => {
  it.each([
    ["在籍", "active"],
    ["在職", "active"],
    ["在職中", "active"],
    ["ACTIVE", "active"],
    ["ａｃｔｉｖｅ", "active"],
    ["休職", "leave"],
    ["育休", "leave"],
    ["産休", "leave"],
    ["介護休業", "leave"],
    ["On Leave", "leave"],
    ["出向", "seconded"],
    ["在籍出向", "seconded"],
    ["Seconded", "seconded"],
    ["退職", "terminated"],
    ["退職済み", "terminated"],
    [" terminated ", "terminated"],
  ])("%s is %s", (word, status) => {
    expect(parseEmploymentStatus(word)).toBe(status);
  });

  it("refuses a word it does not know, naming row, column and value", () => {
    const [row] = parseHrCsv(csv("E1,山田,,営業部,契約終了,")).rows;
    expect(row!.value).toBeNull();
    expect(row!.issues).toEqual([{ row: 2, column: "在籍区分", code: "status_unknown", params: { value: "契約終了" } }]);
  });
});

describe("termination dates", () => {
  it("reads YYYY/MM/DD, YYYY-MM-DD and full-width digits as a calendar day", () => {
    expect(parseRosterDate("2026/03/31")).toEqual(day("2026-03-31"));
    expect(parseRosterDate("2026-3-1")).toEqual(day("2026-03-01"));
    expect(parseRosterDate("２０２６／０３／３１")).toEqual(day("2026-03-31"));
    expect(parseRosterDate("2026年3月31日")).toEqual(day("2026-03-31"));
    expect(formatRosterDate(day("2026-03-01"))).toBe("2026/03/01");
  });

  it("refuses days that do not exist and other shapes", () => {
    for (const text of ["2026/02/30", "2026/13/01", "26/03/31", "2026.03.31", "31/03/2026", "2026/03/31 10:00", "昨日"]) expect(parseRosterDate(text), text).toBeNull();
  });

  it("requires a date for a leaver and refuses one for anyone else", () => {
    const rows = parseHrCsv(csv("E1,a,,営業部,退職,", "E2,b,,営業部,在籍,2026/03/31", "E3,c,,営業部,退職,2026/02/30", "E4,d,,営業部,退職,2026-04-30")).rows;
    expect(rows.map((r) => r.issues.map((i) => [i.row, i.column, i.code]))).toEqual([
      [[2, "退職日", "termination_date_required"]],
      [[3, "退職日", "termination_date_not_terminated"]],
      [[4, "退職日", "date_format"]],
      [],
    ]);
    expect(rows[1]!.issues[0]!.params).toEqual({ value: "2026/03/31", status: "在籍" });
    expect(rows[3]!.value?.terminationDate).toEqual(day("2026-04-30"));
  });

  it("asks for a date when the file has no termination date column but names a leaver", () => {
    const [row] = parseHrCsv(utf8("社員番号,氏名,部署,在籍区分\r\nE1,a,営業部,退職")).rows;
    expect(row!.issues).toEqual([{ row: 2, column: "退職日", code: "termination_date_required", params: { value: "" } }]);
  });
});

describe("rows", () => {
  it("names each problem by row and column", () => {
    const rows = parseHrCsv(csv(",山田,,営業部,在籍,", "E 1!,山田,,営業部,在籍,", `E3,${"長".repeat(101)},,,在籍,`, "E4,a,,b,在籍,,余分")).rows;
    expect(rows.map((r) => r.issues.map((i) => [i.row, i.column, i.code]))).toEqual([
      [[2, "社員番号", "required"]],
      [[3, "社員番号", "employee_number_format"]],
      [
        [4, "氏名", "too_long"],
        [4, "部署", "required"],
      ],
      [[5, null, "too_many_cells"]],
    ]);
  });

  it("an employee number written twice names both rows, on each of them, even written differently", () => {
    const rows = parseHrCsv(csv("E001,a,,営業部,在籍,", "E002,b,,営業部,在籍,", "ｅ００１,c,,総務部,在籍,")).rows;
    expect(rows[0]!.issues).toEqual([{ row: 2, column: "社員番号", code: "duplicate_in_file", params: { value: "E001", rows: "2, 4" } }]);
    expect(rows[2]!.issues).toEqual([{ row: 4, column: "社員番号", code: "duplicate_in_file", params: { value: "E001", rows: "2, 4" } }]);
    expect(rows[1]!.issues).toEqual([]);
  });
});

describe("the plan", () => {
  const stored = (employeeNumber: string, over: Partial<ExistingHrRecord> = {}): [string, ExistingHrRecord] => [
    employeeNumber,
    { id: `id-${employeeNumber}`, employeeNumber, name: "山田 太郎", nameKana: null, department: "営業部", employmentStatus: "active", terminationDate: null, ...over },
  ];

  it("creates the new, updates the changed, leaves the same, and removes whoever the file leaves out", () => {
    const existing = new Map([stored("E1"), stored("E2"), stored("E3")]);
    const plan = planHrImport(parseHrCsv(csv("E1,山田 太郎,,営業部,在籍,", "E2,山田 太郎,,営業部,退職,2026/03/31", "E9,新人,,総務部,在籍,")), existing);
    expect(plan.counts).toEqual({ create: 1, update: 1, unchanged: 1, error: 0, remove: 1 });
    expect(plan.rows.map((r) => [r.employeeNumber, r.action])).toEqual([
      ["E1", "unchanged"],
      ["E2", "update"],
      ["E9", "create"],
    ]);
    expect(plan.rows[1]!.changes).toEqual([
      { field: "employmentStatus", before: "active", after: "terminated" },
      { field: "terminationDate", before: null, after: "2026/03/31" },
    ]);
    expect(plan.removed.map((r) => r.employeeNumber)).toEqual(["E3"]);
  });

  it("does not remove someone whose row has an error elsewhere (the row is an error instead)", () => {
    const plan = planHrImport(parseHrCsv(csv("E1,山田 太郎,,営業部,不明,")), new Map([stored("E1")]));
    expect(plan.counts).toMatchObject({ error: 1, remove: 0 });
  });
});

describe("reconciliation flags", () => {
  const now = new Date("2026-11-20T00:00:00Z");
  const account = { kind: "employee" as const, status: "active" as const, accessEndsAt: null, departmentName: "第一営業部" };

  it("flags a leaver whose account is not disabled, and leave or secondment only while the account works", () => {
    expect(rosterFlags({ ...account, hr: { employmentStatus: "terminated", department: "第一営業部" } }, true, now)).toEqual({
      hrStatus: "terminated",
      noHrRecord: false,
      hrTerminated: true,
      hrLeave: false,
      departmentMismatch: false,
    });
    expect(rosterFlags({ ...account, status: "suspended", hr: { employmentStatus: "terminated", department: "第一営業部" } }, true, now).hrTerminated).toBe(true);
    expect(rosterFlags({ ...account, hr: { employmentStatus: "seconded", department: "第一営業部" } }, true, now).hrLeave).toBe(true);
    expect(rosterFlags({ ...account, status: "suspended", hr: { employmentStatus: "leave", department: "第一営業部" } }, true, now).hrLeave).toBe(false);
    expect(rosterFlags({ ...account, accessEndsAt: new Date("2026-11-01T00:00:00Z"), hr: { employmentStatus: "leave", department: "第一営業部" } }, true, now).hrLeave).toBe(false);
  });

  it("flags an employee with no record, never a contractor, and nothing without a roster", () => {
    expect(rosterFlags({ ...account, hr: null }, true, now).noHrRecord).toBe(true);
    expect(rosterFlags({ ...account, kind: "contractor", hr: null }, true, now).noHrRecord).toBe(false);
    expect(rosterFlags({ ...account, hr: null }, false, now).noHrRecord).toBe(false);
  });

  it("compares departments after NFKC, ignoring spaces and case", () => {
    expect(departmentKey("第一　営業部 ")).toBe(departmentKey("第一営業部"));
    expect(departmentKey("ＩＴ推進室")).toBe(departmentKey("it推進室"));
    expect(rosterFlags({ ...account, hr: { employmentStatus: "active", department: "第一 営業部" } }, true, now).departmentMismatch).toBe(false);
    expect(rosterFlags({ ...account, hr: { employmentStatus: "active", department: "第二営業部" } }, true, now).departmentMismatch).toBe(true);
    expect(rosterFlags({ ...account, departmentName: null, hr: { employmentStatus: "active", department: "第二営業部" } }, true, now).departmentMismatch).toBe(true);
  });

  it("counts an invited or locked account as usable, a suspended or disabled one not", () => {
    expect(accountUsable("invited", null, now)).toBe(true);
    expect(accountUsable("locked", null, now)).toBe(true);
    expect(accountUsable("suspended", null, now)).toBe(false);
    expect(accountUsable("active", new Date("2026-12-01T00:00:00Z"), now)).toBe(true);
  });
});

it("the template is the headings only, with a BOM for Excel", () => {
  expect(hrCsvTemplate()).toBe('\uFEFF"社員番号","氏名","氏名カナ","部署","在籍区分","退職日"\r\n');
  expect(parseHrCsv(utf8(hrCsvTemplate())).fileIssues[0]!.code).toBe("no_rows");
});
