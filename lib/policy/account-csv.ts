// Accounts as CSV, both ways: decoding what HR and accounting tools write (UTF-8 with or without BOM, Shift_JIS),
// RFC 4180 parsing, headings in Japanese or English, per-row validation; and the Excel-safe form the export writes.
// Pure: no I/O. Row numbers are the ones a spreadsheet shows (the heading row is row 1).
import { z } from "zod";
import { accountProfileSchema, inviteAccountSchema } from "@/lib/schemas/accounts";

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 20_000;

export type ImportField =
  | "loginId"
  | "displayName"
  | "nameKana"
  | "email"
  | "employeeNumber"
  | "departmentCode"
  | "kind"
  | "contractorCompany"
  | "roles"
  | "grantEndsAt";

export interface ImportColumn {
  field: ImportField;
  /** The heading the template and the export write. */
  heading: string;
  /** The English heading, also accepted. */
  english: string;
  aliases: readonly string[];
  required: boolean;
}

export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  { field: "loginId", heading: "OCN ID", english: "login_id", aliases: ["ocn_id", "loginid", "ocnid"], required: true },
  { field: "displayName", heading: "氏名", english: "display_name", aliases: ["名前", "氏名(漢字)", "name"], required: true },
  { field: "nameKana", heading: "フリガナ", english: "name_kana", aliases: ["ふりがな", "カナ", "氏名カナ", "氏名(カナ)", "kana"], required: false },
  { field: "email", heading: "メールアドレス", english: "email", aliases: ["メール", "e-mail", "mail", "email_address"], required: true },
  { field: "employeeNumber", heading: "社員番号", english: "employee_number", aliases: ["従業員番号", "社員コード", "employee_no", "employee_id"], required: false },
  { field: "departmentCode", heading: "部署コード", english: "department_code", aliases: ["所属コード", "部門コード", "dept_code"], required: false },
  { field: "kind", heading: "区分", english: "kind", aliases: ["種別", "雇用区分", "type"], required: false },
  { field: "contractorCompany", heading: "委託先", english: "contractor_company", aliases: ["委託先会社", "contractor"], required: false },
  { field: "roles", heading: "ロール", english: "roles", aliases: ["role"], required: false },
  { field: "grantEndsAt", heading: "権限期限", english: "grant_ends_at", aliases: ["権限の期限", "grant_ends", "grant_end", "ends_at"], required: false },
];

/** Columns the export adds for people to read; the import recognises and ignores them, so an export re-imports as is. */
export const EXPORT_ONLY_COLUMNS = [
  { key: "departmentName", heading: "部署名", english: "department_name" },
  { key: "status", heading: "状態", english: "status" },
  { key: "lastSignInAt", heading: "最終サインイン", english: "last_sign_in_at" },
] as const;

/** Where a problem is: a row and column as the person sees them in their spreadsheet (null = the whole file / row). */
export interface ImportIssue {
  row: number | null;
  column: string | null;
  code: ImportIssueCode;
  params?: Record<string, string | number>;
}

export const IMPORT_ISSUE_CODES = [
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
  "login_id_format",
  "email_format",
  "employee_number_format",
  "kind_unknown",
  "date_format",
  "date_past",
  "contractor_needs_end",
  "contractor_company_required",
  "contractor_company_for_employee",
  "end_without_roles",
  "role_unknown",
  "role_above_yours",
  "sod_conflict",
  "department_unknown",
  "login_id_taken",
  "duplicate_in_file",
  "employee_number_taken",
  "email_taken",
  "target_disabled",
  "target_privileged",
  "not_changed_by_import",
] as const;
export type ImportIssueCode = (typeof IMPORT_ISSUE_CODES)[number];

// ───────────────────────── decoding ─────────────────────────

export type ImportEncoding = "utf-8-bom" | "utf-8" | "shift_jis";

export type DecodeResult = { ok: true; text: string; encoding: ImportEncoding } | { ok: false; issue: ImportIssue };

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

/**
 * A UTF-8 BOM means UTF-8. Without one, strict UTF-8 is tried first (a Shift_JIS file with Japanese text is
 * practically never valid UTF-8), then Shift_JIS as Windows writes it (CP932: ①, ㈱ and the NEC/IBM extensions).
 */
export function decodeCsvBytes(bytes: Uint8Array): DecodeResult {
  const fail = (code: ImportIssueCode): DecodeResult => ({ ok: false, issue: { row: null, column: null, code } });
  if (bytes.length === 0) return fail("empty_file");
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return fail("utf16");
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return fail("spreadsheet_file");
  // A NUL byte is in no CSV a spreadsheet writes (UTF-16 without its BOM, or not text at all), nor can PostgreSQL store it.
  if (bytes.includes(0)) return fail("encoding_unreadable");
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    try {
      return { ok: true, text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes.subarray(3)), encoding: "utf-8-bom" };
    } catch {
      return fail("encoding_unreadable");
    }
  }
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    // not UTF-8: fall through to Shift_JIS
  }
  try {
    return { ok: true, text: new TextDecoder("shift_jis", { fatal: true }).decode(bytes), encoding: "shift_jis" };
  } catch {
    return fail("encoding_unreadable");
  }
}

// ───────────────────────── RFC 4180 ─────────────────────────

export type CsvParseResult = { ok: true; records: string[][] } | { ok: false; issue: ImportIssue };

/**
 * RFC 4180 with the leniency spreadsheets show: CRLF, LF or CR between records, quoted fields with doubled quotes
 * and line breaks inside, a stray quote inside an unquoted field taken literally. One record per spreadsheet row,
 * so records[i] is row i + 1. A final line break does not make an extra record.
 */
export function parseCsv(text: string): CsvParseResult {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let i = 0;
  const n = text.length;
  let atFieldStart = true;
  while (i < n) {
    const c = text[i]!;
    if (atFieldStart && c === '"') {
      const startRow = records.length + 1;
      i++;
      for (;;) {
        if (i >= n) return { ok: false, issue: { row: startRow, column: null, code: "unterminated_quote" } };
        const q = text[i]!;
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += q;
        i++;
      }
      atFieldStart = false;
      continue;
    }
    if (c === ",") {
      record.push(field);
      field = "";
      atFieldStart = true;
      i++;
      continue;
    }
    if (c === "\r" || c === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      atFieldStart = true;
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
      continue;
    }
    field += c;
    atFieldStart = false;
    i++;
  }
  if (!atFieldStart || field !== "" || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return { ok: true, records };
}

// ───────────────────────── headings ─────────────────────────

/** A heading as compared: full-width folded, case, spaces, underscores, hyphens, 中黒 and brackets ignored. */
export const headingKey = (s: string) =>
  s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s_\-・()]/g, "");

const HEADING_INDEX = new Map<string, ImportField | "exportOnly">([
  ...IMPORT_COLUMNS.flatMap((c) => [c.heading, c.english, c.field, ...c.aliases].map((h) => [headingKey(h), c.field] as const)),
  ...EXPORT_ONLY_COLUMNS.flatMap((c) => [c.heading, c.english].map((h) => [headingKey(h), "exportOnly"] as const)),
]);

export interface HeaderMap {
  /** For each cell of a row: the field it holds, or null when the column is not used. */
  fields: (ImportField | null)[];
  /** The heading as written in the file, per field present. */
  headings: Partial<Record<ImportField, string>>;
  issues: ImportIssue[];
  warnings: ImportIssue[];
}

/** The issues a heading row can have, shared by every CSV import (accounts, lines). */
export interface HeadingIssue {
  row: number;
  column: string;
  code: "unknown_column" | "duplicate_column" | "missing_column";
  params: Record<string, string | number>;
}

/**
 * Maps a heading row onto an import's fields (Japanese, English or alias headings, compared by headingKey): unknown
 * headings are warnings, a field named twice or a required one missing are issues.
 */
export function mapCsvHeader<F extends string>(
  cells: string[],
  index: ReadonlyMap<string, F | "exportOnly">,
  columns: readonly { field: F; heading: string; english: string; required: boolean }[],
): { fields: (F | null)[]; headings: Partial<Record<F, string>>; issues: HeadingIssue[]; warnings: HeadingIssue[] } {
  const fields: (F | null)[] = [];
  const headings: Partial<Record<F, string>> = {};
  const issues: HeadingIssue[] = [];
  const warnings: HeadingIssue[] = [];
  cells.forEach((raw, position) => {
    const heading = raw.replace(/^\uFEFF/, "").trim();
    const match = heading === "" ? undefined : index.get(headingKey(heading));
    if (match === undefined || match === "exportOnly") {
      fields.push(null);
      if (match === undefined && heading !== "") warnings.push({ row: 1, column: heading, code: "unknown_column", params: { position: position + 1 } });
      return;
    }
    if (headings[match] !== undefined) {
      issues.push({ row: 1, column: heading, code: "duplicate_column", params: { other: headings[match]! } });
      fields.push(null);
      return;
    }
    headings[match] = heading;
    fields.push(match);
  });
  for (const c of columns) {
    if (c.required && headings[c.field] === undefined) issues.push({ row: 1, column: c.heading, code: "missing_column", params: { english: c.english } });
  }
  return { fields, headings, issues, warnings };
}

/** The problems that make a whole CSV file unusable, whatever it imports. */
export type CsvFileIssueCode =
  | "empty_file"
  | "too_large"
  | "too_many_rows"
  | "no_rows"
  | "utf16"
  | "spreadsheet_file"
  | "encoding_unreadable"
  | "unterminated_quote"
  | "missing_column"
  | "duplicate_column"
  | "unknown_column";

export interface CsvFileIssue {
  row: number | null;
  column: string | null;
  code: CsvFileIssueCode;
  params?: Record<string, string | number>;
}

export type CsvTable<F extends string> =
  | { ok: false; encoding: ImportEncoding | null; fileIssues: CsvFileIssue[]; warnings: HeadingIssue[]; headings: Partial<Record<F, string>> }
  | { ok: true; encoding: ImportEncoding; fields: (F | null)[]; headings: Partial<Record<F, string>>; warnings: HeadingIssue[]; rows: { cells: string[]; row: number }[] };

/**
 * An import file read as far as every import reads it alike: size, encoding, RFC 4180, the heading row mapped to
 * fields, blank rows dropped (row numbers as the spreadsheet shows them), and the row limit. The rows' cells are the
 * caller's to validate.
 */
export function readCsvTable<F extends string>(
  bytes: Uint8Array,
  limits: { maxBytes: number; maxRows: number },
  index: ReadonlyMap<string, F | "exportOnly">,
  columns: readonly { field: F; heading: string; english: string; required: boolean }[],
): CsvTable<F> {
  const fail = (encoding: ImportEncoding | null, issue: CsvFileIssue, warnings: HeadingIssue[] = [], headings: Partial<Record<F, string>> = {}): CsvTable<F> => ({
    ok: false,
    encoding,
    fileIssues: [issue],
    warnings,
    headings,
  });
  if (bytes.length > limits.maxBytes) return fail(null, { row: null, column: null, code: "too_large", params: { size: bytes.length, max: limits.maxBytes } });
  const decoded = decodeCsvBytes(bytes);
  if (!decoded.ok) return fail(null, { ...decoded.issue, code: decoded.issue.code as CsvFileIssueCode });
  const parsed = parseCsv(decoded.text);
  if (!parsed.ok) return fail(decoded.encoding, { ...parsed.issue, code: "unterminated_quote" });
  const [headerCells, ...records] = parsed.records;
  if (!headerCells || headerCells.every((c) => c.trim() === "")) return fail(decoded.encoding, { row: 1, column: null, code: "empty_file" });
  const { fields, headings, issues, warnings } = mapCsvHeader(headerCells, index, columns);
  if (issues.length > 0) return { ok: false, encoding: decoded.encoding, fileIssues: issues, warnings, headings };
  const rows = records.map((cells, i) => ({ cells, row: i + 2 })).filter(({ cells }) => cells.some((c) => c.trim() !== ""));
  if (rows.length === 0) return fail(decoded.encoding, { row: null, column: null, code: "no_rows" }, warnings, headings);
  if (rows.length > limits.maxRows) {
    return fail(decoded.encoding, { row: null, column: null, code: "too_many_rows", params: { rows: rows.length, max: limits.maxRows } }, warnings, headings);
  }
  return { ok: true, encoding: decoded.encoding, fields, headings, warnings, rows };
}

export function mapHeader(cells: string[]): HeaderMap {
  return mapCsvHeader(cells, HEADING_INDEX, IMPORT_COLUMNS);
}

// ───────────────────────── cells ─────────────────────────

/** A cell a spreadsheet would run as a formula, or one that already starts with the apostrophes that guard one. */
const GUARDED = /^'*[=+\-@\t\r]/;

/**
 * What the export wrote to keep a spreadsheet from running a cell as a formula ("'=x") is read back as the value
 * ("=x"); a value that itself started with an apostrophe before a formula character was written with one more ("''=x").
 */
export function cellValue(raw: string): string {
  return raw.startsWith("'") && GUARDED.test(raw.slice(1)) ? raw.slice(1) : raw;
}

/** The lengths behind "too_long" (the forms' limits, and the department code's column). */
const FIELD_LIMITS: Partial<Record<ImportField, number>> = { displayName: 100, nameKana: 100, email: 254, contractorCompany: 100, departmentCode: 50 };

const KIND_WORDS: Record<string, "employee" | "contractor"> = {
  社員: "employee",
  従業員: "employee",
  正社員: "employee",
  employee: "employee",
  委託: "contractor",
  委託先: "contractor",
  業務委託: "contractor",
  contractor: "contractor",
};

const DATE = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const JST_OFFSET_MS = 9 * 3_600_000;

/**
 * A JST date or date-time as an instant. A date alone ("2026/12/31") means through that day: the grant ends at
 * the next midnight in Japan. Dates that do not exist (2026/02/30, 25:00) are refused instead of rolling over.
 */
export function parseJstDate(text: string): Date | null {
  const m = DATE.exec(text.normalize("NFKC").trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const timeGiven = m[4] !== undefined;
  const [h, mi, s] = timeGiven ? [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)] : [0, 0, 0];
  if (h > 23 || mi > 59 || s > 59) return null;
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return null;
  const wall = Date.UTC(y, mo - 1, timeGiven ? d : d + 1, h, mi, s);
  return new Date(wall - JST_OFFSET_MS);
}

/** JST as the console shows it: 2026/11/24 09:30. */
export function formatJst(date: Date): string {
  const j = new Date(date.getTime() + JST_OFFSET_MS);
  const p = (v: number) => String(v).padStart(2, "0");
  return `${j.getUTCFullYear()}/${p(j.getUTCMonth() + 1)}/${p(j.getUTCDate())} ${p(j.getUTCHours())}:${p(j.getUTCMinutes())}`;
}

/** Role names as written, split on ";" (full-width too, after NFKC) or "、", without blanks or repeats. */
export function splitRoles(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of text.normalize("NFKC").split(/[;、]/)) {
    const name = part.trim();
    if (name === "" || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    out.push(name);
  }
  return out;
}

/** One data row after validation. `undefined` = the column is not in the file (leave as is); `null` = the cell is empty (clear). */
export interface AccountImportRow {
  loginId: string;
  displayName: string;
  email: string;
  nameKana?: string | null;
  employeeNumber?: string | null;
  departmentCode?: string | null;
  kind?: "employee" | "contractor";
  contractorCompany?: string | null;
  roles?: string[];
  grantEndsAt?: Date | null;
}

/** An optional column: absent stays undefined, an empty cell is null, anything else goes through `inner`. */
function optionalCell<T>(inner: z.ZodType<T | null | undefined, string | null | undefined>) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): T | null | undefined => {
      if (raw === undefined) return undefined;
      if (raw.trim() === "") return null;
      const parsed = inner.safeParse(raw);
      if (parsed.success) return parsed.data;
      for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
      return z.NEVER;
    });
}

// The same field rules as the invite and edit forms, so an import stores exactly what a form would.
const profile = accountProfileSchema.shape;
const loginIdField = inviteAccountSchema.def.right.shape.loginId;

/** The forms' message codes, in the words of this screen. */
const FORM_CODES: Record<string, ImportIssueCode> = {
  required: "required",
  too_long: "too_long",
  email: "email_format",
  employee_number: "employee_number_format",
  login_id: "login_id_format",
};

/** The row schema: every format rule; what depends on the database or on create-vs-update comes later. */
export const accountCsvRowSchema = z.object({
  loginId: loginIdField,
  displayName: profile.displayName,
  email: profile.email,
  nameKana: optionalCell(profile.nameKana),
  employeeNumber: optionalCell(profile.employeeNumber),
  departmentCode: optionalCell(
    z
      .string()
      .transform((s) => s.normalize("NFKC").trim())
      .pipe(z.string().max(FIELD_LIMITS.departmentCode!, "too_long")),
  ),
  kind: optionalCell(
    z.string().transform((s, ctx) => {
      const kind = KIND_WORDS[s.normalize("NFKC").trim().toLowerCase()];
      if (!kind) {
        ctx.addIssue({ code: "custom", message: "kind_unknown" });
        return z.NEVER;
      }
      return kind;
    }),
  ).transform((k) => k ?? undefined),
  contractorCompany: optionalCell(profile.contractorCompany),
  roles: z
    .string()
    .optional()
    .transform((s) => (s === undefined ? undefined : splitRoles(s))),
  grantEndsAt: optionalCell(
    z.string().transform((s, ctx) => {
      const date = parseJstDate(s);
      if (!date) {
        ctx.addIssue({ code: "custom", message: "date_format" });
        return z.NEVER;
      }
      return date;
    }),
  ),
}) satisfies z.ZodType<AccountImportRow, Partial<Record<ImportField, string>>>;

export interface ParsedRow {
  /** The row number a spreadsheet shows. */
  row: number;
  /** The cells by field, as written (for messages). */
  raw: Partial<Record<ImportField, string>>;
  value: AccountImportRow | null;
  issues: ImportIssue[];
}

export interface ParsedAccountCsv {
  encoding: ImportEncoding | null;
  /** The file cannot be used at all (no rows are given then). */
  fileIssues: ImportIssue[];
  warnings: ImportIssue[];
  headings: Partial<Record<ImportField, string>>;
  rows: ParsedRow[];
}

export function headingOf(headings: Partial<Record<ImportField, string>>, field: ImportField): string {
  return headings[field] ?? IMPORT_COLUMNS.find((c) => c.field === field)!.heading;
}

/** Bytes to validated rows; every problem names its row and column. */
export function parseAccountCsv(bytes: Uint8Array): ParsedAccountCsv {
  const empty = (encoding: ImportEncoding | null, issue: ImportIssue, warnings: ImportIssue[] = []): ParsedAccountCsv => ({
    encoding,
    fileIssues: [issue],
    warnings,
    headings: {},
    rows: [],
  });
  if (bytes.length > MAX_IMPORT_BYTES) return empty(null, { row: null, column: null, code: "too_large", params: { size: bytes.length, max: MAX_IMPORT_BYTES } });
  const decoded = decodeCsvBytes(bytes);
  if (!decoded.ok) return empty(null, decoded.issue);
  const parsed = parseCsv(decoded.text);
  if (!parsed.ok) return empty(decoded.encoding, parsed.issue);
  const [headerCells, ...records] = parsed.records;
  if (!headerCells || headerCells.every((c) => c.trim() === "")) return empty(decoded.encoding, { row: 1, column: null, code: "empty_file" });
  const header = mapHeader(headerCells);
  if (header.issues.length > 0) return { encoding: decoded.encoding, fileIssues: header.issues, warnings: header.warnings, headings: header.headings, rows: [] };
  const dataRows = records.map((cells, index) => ({ cells, row: index + 2 })).filter(({ cells }) => cells.some((c) => c.trim() !== ""));
  if (dataRows.length === 0) return empty(decoded.encoding, { row: null, column: null, code: "no_rows" }, header.warnings);
  if (dataRows.length > MAX_IMPORT_ROWS) {
    return empty(decoded.encoding, { row: null, column: null, code: "too_many_rows", params: { rows: dataRows.length, max: MAX_IMPORT_ROWS } }, header.warnings);
  }
  const rows = dataRows.map(({ cells, row }) => parseRow(cells, row, header));
  return { encoding: decoded.encoding, fileIssues: [], warnings: header.warnings, headings: header.headings, rows };
}

function parseRow(cells: string[], row: number, header: HeaderMap): ParsedRow {
  const raw: Partial<Record<ImportField, string>> = {};
  const issues: ImportIssue[] = [];
  cells.forEach((cell, index) => {
    const field = header.fields[index];
    if (field) raw[field] = cellValue(cell);
  });
  // A row shorter than the heading row is read as empty cells; one longer with text beyond it is a broken row.
  const extra = cells.slice(header.fields.length).filter((c) => c.trim() !== "");
  if (extra.length > 0) issues.push({ row, column: null, code: "too_many_cells", params: { cells: cells.length, columns: header.fields.length } });
  for (const field of Object.keys(header.headings) as ImportField[]) raw[field] ??= "";
  const result = accountCsvRowSchema.safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = issue.path[0] as ImportField;
      const code = FORM_CODES[issue.message] ?? (issue.message as ImportIssueCode);
      issues.push({
        row,
        column: headingOf(header.headings, field),
        code,
        params: { value: (raw[field] ?? "").trim(), ...(code === "too_long" && FIELD_LIMITS[field] ? { max: FIELD_LIMITS[field] } : {}) },
      });
    }
  }
  return { row, raw, value: result.success && issues.length === 0 ? result.data : null, issues };
}

/**
 * Rules for a new account only (an existing one keeps its kind, roles and grants: those change on its own page):
 * a contractor names the company, a contractor's roles need an end time (their grants must end), and an end time
 * is in the future and belongs with roles.
 */
export function newAccountIssues(value: AccountImportRow, row: number, headings: Partial<Record<ImportField, string>>, now: Date): ImportIssue[] {
  const issues: ImportIssue[] = [];
  const at = (field: ImportField, code: ImportIssueCode, params?: Record<string, string | number>) =>
    issues.push({ row, column: headingOf(headings, field), code, ...(params ? { params } : {}) });
  const roles = value.roles ?? [];
  const contractor = value.kind === "contractor";
  if (contractor && !value.contractorCompany) at("contractorCompany", "contractor_company_required");
  if (!contractor && value.contractorCompany) at("contractorCompany", "contractor_company_for_employee", { value: value.contractorCompany });
  if (value.grantEndsAt && roles.length === 0) at("grantEndsAt", "end_without_roles", { value: formatJst(value.grantEndsAt) });
  else if (value.grantEndsAt && value.grantEndsAt <= now) at("grantEndsAt", "date_past", { value: formatJst(value.grantEndsAt) });
  else if (contractor && roles.length > 0 && !value.grantEndsAt) at("grantEndsAt", "contractor_needs_end");
  return issues;
}

// ───────────────────────── writing (export and template) ─────────────────────────

export const KIND_LABELS = { employee: "社員", contractor: "委託" } as const;

/** One cell, Excel-safe: always quoted, quotes doubled, and a leading = + - @ TAB CR neutralised with an apostrophe. */
export function csvField(value: string | null | undefined): string {
  const text = value ?? "";
  const safe = GUARDED.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function csvLine(cells: (string | null | undefined)[]): string {
  return `${cells.map(csvField).join(",")}\r\n`;
}

export const UTF8_BOM = "\uFEFF";

/** The export's headings: the import's columns in order, then the ones for reading only. */
export const EXPORT_HEADINGS = [...IMPORT_COLUMNS.map((c) => c.heading), ...EXPORT_ONLY_COLUMNS.map((c) => c.heading)];

/** The template: UTF-8 with BOM (Excel then reads the Japanese headings right), the headings only. */
export function accountCsvTemplate(): string {
  return UTF8_BOM + csvLine(IMPORT_COLUMNS.map((c) => c.heading));
}
