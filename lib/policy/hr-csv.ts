// The HR roster as CSV: the whole list of employees as HR's system writes it (UTF-8 with or without BOM, Shift_JIS),
// read with the accounts import's decoding, RFC 4180 parser and heading matcher; per-row validation; and the plan of
// what replacing the stored roster with the file would create, update and remove. Pure: no I/O. Row numbers are the
// ones a spreadsheet shows (the heading row is row 1).
import { accountProfileSchema } from "@/lib/schemas/accounts";
import { cellValue, csvLine, headingKey, readCsvTable, UTF8_BOM, type ImportEncoding } from "./account-csv";

export const MAX_HR_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_HR_IMPORT_ROWS = 50_000;

export const EMPLOYMENT_STATUSES = ["active", "leave", "seconded", "terminated"] as const;
export type EmploymentStatusValue = (typeof EMPLOYMENT_STATUSES)[number];

export type HrField = "employeeNumber" | "name" | "nameKana" | "department" | "employmentStatus" | "terminationDate";

export const HR_COLUMNS: readonly { field: HrField; heading: string; english: string; aliases: readonly string[]; required: boolean }[] = [
  { field: "employeeNumber", heading: "社員番号", english: "employee_number", aliases: ["従業員番号", "社員コード", "社員No", "社員No.", "employee_no", "employee_id", "emp_no"], required: true },
  { field: "name", heading: "氏名", english: "name", aliases: ["名前", "氏名(漢字)", "社員名", "full_name", "display_name"], required: true },
  { field: "nameKana", heading: "氏名カナ", english: "name_kana", aliases: ["フリガナ", "ふりがな", "カナ", "氏名(カナ)", "カナ氏名", "kana"], required: false },
  { field: "department", heading: "部署", english: "department", aliases: ["部署名", "所属", "所属部署", "部門", "dept", "department_name"], required: true },
  { field: "employmentStatus", heading: "在籍区分", english: "employment_status", aliases: ["在籍状況", "在籍状態", "雇用状態", "就業状況", "status"], required: true },
  { field: "terminationDate", heading: "退職日", english: "termination_date", aliases: ["退職年月日", "退社日", "terminated_on", "termination"], required: false },
];

export const HR_ISSUE_CODES = [
  // the file
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
  // one cell or row
  "required",
  "too_long",
  "too_many_cells",
  "employee_number_format",
  "status_unknown",
  "date_format",
  "termination_date_required",
  "termination_date_not_terminated",
  "duplicate_in_file",
] as const;
export type HrIssueCode = (typeof HR_ISSUE_CODES)[number];

export interface HrImportIssue {
  row: number | null;
  column: string | null;
  code: HrIssueCode;
  params?: Record<string, string | number>;
}

const HEADINGS = new Map<string, HrField | "exportOnly">(HR_COLUMNS.flatMap((c) => [c.heading, c.english, c.field, ...c.aliases].map((h) => [headingKey(h), c.field] as const)));

/** The longest text each column stores (the account form's limits for names). */
export const HR_FIELD_LIMITS = { name: 100, nameKana: 100, department: 100 } as const;

// The words HR systems write for each state, compared as headings are (full-width, case, spaces and brackets folded).
const STATUS_WORDS: Record<EmploymentStatusValue, readonly string[]> = {
  active: ["在籍", "在籍中", "在職", "在職中", "就業中", "勤務中", "現職", "active", "employed"],
  leave: ["休職", "休職中", "休業", "休業中", "育休", "育休中", "育児休業", "育児休職", "産休", "産休中", "産前産後休業", "介護休業", "介護休職", "介護休暇", "leave", "on leave", "leave of absence"],
  seconded: ["出向", "出向中", "在籍出向", "seconded", "secondment", "on secondment"],
  terminated: ["退職", "退職済", "退職済み", "退社", "離職", "terminated", "resigned", "left"],
};
const STATUS_INDEX = new Map<string, EmploymentStatusValue>(
  (Object.entries(STATUS_WORDS) as [EmploymentStatusValue, readonly string[]][]).flatMap(([status, words]) => words.map((w) => [headingKey(w), status] as const)),
);

/** The word the template and the export write for each state. */
export const EMPLOYMENT_STATUS_LABELS: Record<EmploymentStatusValue, string> = { active: "在籍", leave: "休職", seconded: "出向", terminated: "退職" };

export function parseEmploymentStatus(text: string): EmploymentStatusValue | null {
  return STATUS_INDEX.get(headingKey(text)) ?? null;
}

const DAY = /^(\d{4})(?:[/-](\d{1,2})[/-](\d{1,2})|年(\d{1,2})月(\d{1,2})日)$/;

/**
 * A calendar day (2027/03/31, 2027-03-31, ２０２７／０３／３１ or 2027年3月31日) as UTC midnight, the way a DATE
 * column is read back. A day that does not exist (2027/02/30) is refused instead of rolling over.
 */
export function parseRosterDate(text: string): Date | null {
  const m = DAY.exec(text.normalize("NFKC").replace(/\s+/g, ""));
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2] ?? m[4]), Number(m[3] ?? m[5])];
  if (y < 1900 || y > 2200) return null;
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return null;
  return day;
}

/** A DATE as the console writes it: 2027/03/31. */
export function formatRosterDate(date: Date | null): string | null {
  if (!date) return null;
  return `${date.getUTCFullYear()}/${String(date.getUTCMonth() + 1).padStart(2, "0")}/${String(date.getUTCDate()).padStart(2, "0")}`;
}

/** One person as the roster holds them. */
export interface HrRecordValue {
  employeeNumber: string;
  name: string;
  nameKana: string | null;
  department: string;
  employmentStatus: EmploymentStatusValue;
  terminationDate: Date | null;
}

export interface ParsedHrRow {
  row: number;
  /** The cells by field, as written. */
  raw: Partial<Record<HrField, string>>;
  /** The employee number as stored (normalized), when the cell holds a valid one: what the row would replace. */
  employeeNumber: string | null;
  value: HrRecordValue | null;
  issues: HrImportIssue[];
}

export interface ParsedHrCsv {
  encoding: ImportEncoding | null;
  /** The file cannot be used at all (no rows are given then). */
  fileIssues: HrImportIssue[];
  warnings: HrImportIssue[];
  headings: Partial<Record<HrField, string>>;
  rows: ParsedHrRow[];
}

export function hrHeadingOf(headings: Partial<Record<HrField, string>>, field: HrField): string {
  return headings[field] ?? HR_COLUMNS.find((c) => c.field === field)!.heading;
}

// The account form's employee number rule (NFKC, upper case, letters, digits and hyphens): the same person matches.
const employeeNumberField = accountProfileSchema.shape.employeeNumber;

export function normalizeEmployeeNumber(text: string): string | null {
  const parsed = employeeNumberField.safeParse(text);
  return parsed.success && parsed.data ? parsed.data : null;
}

/** Bytes to validated rows; every problem names its row and column. */
export function parseHrCsv(bytes: Uint8Array): ParsedHrCsv {
  const table = readCsvTable(bytes, { maxBytes: MAX_HR_IMPORT_BYTES, maxRows: MAX_HR_IMPORT_ROWS }, HEADINGS, HR_COLUMNS);
  if (!table.ok) return { encoding: table.encoding, fileIssues: table.fileIssues, warnings: table.warnings, headings: table.headings, rows: [] };
  const rows = table.rows.map(({ cells, row }) => parseHrRow(cells, row, table.fields, table.headings));
  markDuplicates(rows, table.headings);
  return { encoding: table.encoding, fileIssues: [], warnings: table.warnings, headings: table.headings, rows };
}

function parseHrRow(cells: string[], row: number, fields: (HrField | null)[], headings: Partial<Record<HrField, string>>): ParsedHrRow {
  const raw: Partial<Record<HrField, string>> = {};
  const issues: HrImportIssue[] = [];
  cells.forEach((cell, index) => {
    const field = fields[index];
    if (field) raw[field] = cellValue(cell);
  });
  for (const field of Object.keys(headings) as HrField[]) raw[field] ??= "";
  // A row shorter than the heading row is read as empty cells; one longer with text beyond it is a broken row.
  const extra = cells.slice(fields.length).filter((c) => c.trim() !== "");
  if (extra.length > 0) issues.push({ row, column: null, code: "too_many_cells", params: { cells: cells.length, columns: fields.length } });

  const at = (field: HrField, code: HrIssueCode, params: Record<string, string | number> = {}) =>
    issues.push({ row, column: hrHeadingOf(headings, field), code, params: { value: (raw[field] ?? "").trim(), ...params } });
  const text = (field: HrField) => (raw[field] ?? "").normalize("NFKC").trim();
  const required = (field: HrField) => {
    const t = text(field);
    if (!t) at(field, "required");
    return t;
  };
  const limited = (field: keyof typeof HR_FIELD_LIMITS, t: string) => {
    if (t.length > HR_FIELD_LIMITS[field]) at(field, "too_long", { max: HR_FIELD_LIMITS[field] });
    return t;
  };

  const numberText = required("employeeNumber");
  const employeeNumber = numberText ? normalizeEmployeeNumber(numberText) : null;
  if (numberText && !employeeNumber) at("employeeNumber", "employee_number_format");

  const name = limited("name", required("name").replace(/\s+/g, " "));
  const kanaText = limited("nameKana", text("nameKana").replace(/\s+/g, " "));
  const department = limited("department", required("department").replace(/\s+/g, " "));

  const statusText = required("employmentStatus");
  const employmentStatus = statusText ? parseEmploymentStatus(statusText) : null;
  if (statusText && !employmentStatus) at("employmentStatus", "status_unknown");

  const dateText = text("terminationDate");
  let terminationDate: Date | null = null;
  if (dateText) {
    terminationDate = parseRosterDate(dateText);
    if (!terminationDate) at("terminationDate", "date_format");
    else if (employmentStatus && employmentStatus !== "terminated") at("terminationDate", "termination_date_not_terminated", { status: statusText });
  } else if (employmentStatus === "terminated") at("terminationDate", "termination_date_required");

  const value: HrRecordValue | null =
    issues.length === 0
      ? { employeeNumber: employeeNumber!, name, nameKana: kanaText || null, department, employmentStatus: employmentStatus!, terminationDate }
      : null;
  return { row, raw, employeeNumber, value, issues };
}

/** One person, one row: an employee number written twice names every row it is in, on each of them. */
function markDuplicates(rows: ParsedHrRow[], headings: Partial<Record<HrField, string>>) {
  const rowsOf = new Map<string, ParsedHrRow[]>();
  for (const r of rows) if (r.employeeNumber) rowsOf.set(r.employeeNumber, [...(rowsOf.get(r.employeeNumber) ?? []), r]);
  for (const [number, same] of rowsOf) {
    if (same.length < 2) continue;
    const list = same.map((r) => r.row).join(", ");
    for (const r of same) {
      r.issues.push({ row: r.row, column: hrHeadingOf(headings, "employeeNumber"), code: "duplicate_in_file", params: { value: number, rows: list } });
      r.value = null;
    }
  }
}

// ───────────────────────── the plan ─────────────────────────

export interface ExistingHrRecord extends HrRecordValue {
  id: string;
}

export type HrRowAction = "create" | "update" | "unchanged" | "error";

export interface HrFieldChange {
  field: Exclude<HrField, "employeeNumber">;
  /** Text as shown; a status is its code (active, leave, …), a date 2027/03/31. */
  before: string | null;
  after: string | null;
}

export interface PlannedHrRow {
  row: number;
  employeeNumber: string;
  name: string;
  action: HrRowAction;
  changes: HrFieldChange[];
  errors: HrImportIssue[];
  value?: HrRecordValue;
  /** The stored record a create/update/unchanged row matches. */
  recordId?: string;
}

export interface RemovedHrRecord {
  id: string;
  employeeNumber: string;
  name: string;
  department: string;
  employmentStatus: EmploymentStatusValue;
}

export interface HrImportPlan {
  rows: PlannedHrRow[];
  /** Stored people the file no longer lists: replacing the roster removes them. */
  removed: RemovedHrRecord[];
  counts: Record<HrRowAction | "remove", number>;
}

const COMPARED: HrFieldChange["field"][] = ["name", "nameKana", "department", "employmentStatus", "terminationDate"];

const shown = (field: HrFieldChange["field"], v: HrRecordValue[keyof HrRecordValue]): string | null =>
  v instanceof Date ? formatRosterDate(v) : field === "terminationDate" ? null : ((v as string | null) ?? null);

/** The file replaces the roster: each row creates or updates its person, and whoever the file leaves out is removed. */
export function planHrImport(parsed: ParsedHrCsv, existing: ReadonlyMap<string, ExistingHrRecord>): HrImportPlan {
  const rows = parsed.rows.map((p): PlannedHrRow => {
    const base = { row: p.row, employeeNumber: p.employeeNumber ?? (p.raw.employeeNumber ?? "").trim(), name: (p.raw.name ?? "").normalize("NFKC").trim() };
    const v = p.value;
    if (!v) return { ...base, action: "error", changes: [], errors: p.issues };
    const stored = existing.get(v.employeeNumber);
    if (!stored) {
      const changes = COMPARED.flatMap((field) => {
        const after = shown(field, v[field]);
        return after === null ? [] : [{ field, before: null, after }];
      });
      return { ...base, action: "create", changes, errors: [], value: v };
    }
    const changes = COMPARED.flatMap((field) => {
      const before = shown(field, stored[field]);
      const after = shown(field, v[field]);
      return before === after ? [] : [{ field, before, after }];
    });
    return { ...base, action: changes.length > 0 ? "update" : "unchanged", changes, errors: [], value: v, recordId: stored.id };
  });
  // Every employee number the file names, even on a row with another problem: that person is not being removed.
  const named = new Set(parsed.rows.flatMap((r) => (r.employeeNumber ? [r.employeeNumber] : [])));
  const removed =
    parsed.fileIssues.length > 0
      ? []
      : [...existing.values()]
          .filter((r) => !named.has(r.employeeNumber))
          .sort((a, b) => a.employeeNumber.localeCompare(b.employeeNumber))
          .map(({ id, employeeNumber, name, department, employmentStatus }) => ({ id, employeeNumber, name, department, employmentStatus }));
  const counts: HrImportPlan["counts"] = { create: 0, update: 0, unchanged: 0, error: 0, remove: removed.length };
  for (const r of rows) counts[r.action] += 1;
  return { rows, removed, counts };
}

// ───────────────────────── the template ─────────────────────────

/** The template: UTF-8 with BOM (Excel then reads the Japanese headings right), the headings only. */
export function hrCsvTemplate(): string {
  return UTF8_BOM + csvLine(HR_COLUMNS.map((c) => c.heading));
}
