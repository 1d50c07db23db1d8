// Lines as CSV, both ways: the same decoding and RFC 4180 reading as the accounts import (UTF-8 with or without BOM,
// Shift_JIS), headings in Japanese or English, per-row validation, and the plan of what each row would do given what
// the organization holds. Pure: no I/O. Row numbers are the ones a spreadsheet shows (the heading row is row 1).
import { LINE_LIMITS } from "@/lib/schemas/lines";
import { cellValue, csvLine, formatJst, headingKey, parseJstDate, readCsvTable, UTF8_BOM, type ImportEncoding } from "./account-csv";
import { isFinished, isMnpNumber, normalizeIccid, normalizeMnpNumber, normalizePhoneNumber, type LineStatusValue, type SimTypeValue } from "./lines";

export const MAX_LINE_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_LINE_IMPORT_ROWS = 20_000;

export type LineField = "phoneNumber" | "iccid" | "simType" | "plan" | "dataAllowanceGb" | "internationalRoaming" | "holderLoginId" | "costCenter" | "mnpNumber" | "mnpExpiresAt";

export const LINE_COLUMNS: readonly { field: LineField; heading: string; english: string; required: boolean }[] = [
  { field: "phoneNumber", heading: "電話番号", english: "phoneNumber", required: true },
  { field: "iccid", heading: "ICCID", english: "iccid", required: true },
  { field: "simType", heading: "SIM種別", english: "simType", required: true },
  { field: "plan", heading: "プラン", english: "plan", required: true },
  { field: "dataAllowanceGb", heading: "データ容量GB", english: "dataAllowanceGb", required: true },
  { field: "internationalRoaming", heading: "国際ローミング", english: "internationalRoaming", required: false },
  { field: "holderLoginId", heading: "利用者OCN ID", english: "holderLoginId", required: false },
  { field: "costCenter", heading: "コストセンター", english: "costCenter", required: false },
  { field: "mnpNumber", heading: "MNP予約番号", english: "mnpNumber", required: false },
  { field: "mnpExpiresAt", heading: "MNP有効期限", english: "mnpExpiresAt", required: false },
];

/** Columns the export adds for people to read; the import ignores them, so an export re-imports as "unchanged". */
export const LINE_EXPORT_ONLY_COLUMNS = [
  { heading: "状態", english: "status" },
  { heading: "利用者名", english: "holderName" },
] as const;

export const LINE_ISSUE_CODES = [
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
  "required",
  "too_long",
  "too_many_cells",
  "phone_format",
  "iccid_format",
  "sim_type_unknown",
  "allowance_range",
  "roaming_unknown",
  "mnp_number_format",
  "mnp_expiry_required",
  "mnp_number_required",
  "date_format",
  "duplicate_phone_in_file",
  "duplicate_iccid_in_file",
  "iccid_taken",
  "holder_not_found",
  "holder_inactive",
  "line_finished",
] as const;
export type LineIssueCode = (typeof LINE_ISSUE_CODES)[number];

export interface LineImportIssue {
  row: number | null;
  column: string | null;
  code: LineIssueCode;
  params?: Record<string, string | number>;
}

const HEADINGS = new Map<string, LineField | "exportOnly">([
  ...LINE_COLUMNS.flatMap((c) => [c.heading, c.english].map((h) => [headingKey(h), c.field] as const)),
  ...LINE_EXPORT_ONLY_COLUMNS.flatMap((c) => [c.heading, c.english].map((h) => [headingKey(h), "exportOnly"] as const)),
]);

const SIM_WORDS: Record<string, SimTypeValue> = { 物理: "physical", 物理sim: "physical", sim: "physical", physical: "physical", esim: "esim" };
const ROAMING_WORDS: Record<string, boolean> = { オン: true, on: true, true: true, "1": true, あり: true, 有: true, オフ: false, off: false, false: false, "0": false, なし: false, 無: false };

export const SIM_TYPE_LABELS: Record<SimTypeValue, string> = { physical: "物理", esim: "eSIM" };
export const ROAMING_LABELS = { on: "オン", off: "オフ" } as const;

/** One row's values. `undefined` = the column is not in the file (left as it is); `null` = the cell is empty (cleared). */
export interface LineCsvValue {
  phoneNumber: string;
  iccid: string;
  simType: SimTypeValue;
  plan: string;
  dataAllowanceGb: number;
  internationalRoaming?: boolean;
  holderLoginId?: string | null;
  costCenter?: string | null;
  mnpNumber?: string | null;
  mnpExpiresAt?: Date | null;
}

export interface ParsedLineRow {
  row: number;
  raw: Partial<Record<LineField, string>>;
  value: LineCsvValue | null;
  issues: LineImportIssue[];
}

export interface ParsedLineCsv {
  encoding: ImportEncoding | null;
  fileIssues: LineImportIssue[];
  warnings: LineImportIssue[];
  headings: Partial<Record<LineField, string>>;
  rows: ParsedLineRow[];
}

export function lineHeadingOf(headings: Partial<Record<LineField, string>>, field: LineField): string {
  return headings[field] ?? LINE_COLUMNS.find((c) => c.field === field)!.heading;
}

export function parseLineCsv(bytes: Uint8Array): ParsedLineCsv {
  const table = readCsvTable(bytes, { maxBytes: MAX_LINE_IMPORT_BYTES, maxRows: MAX_LINE_IMPORT_ROWS }, HEADINGS, LINE_COLUMNS);
  if (!table.ok) return { encoding: table.encoding, fileIssues: table.fileIssues, warnings: table.warnings, headings: table.headings, rows: [] };
  const rows = table.rows.map(({ cells, row }) => parseLineRow(cells, row, table.fields, table.headings));
  return { encoding: table.encoding, fileIssues: [], warnings: table.warnings, headings: table.headings, rows };
}

function parseLineRow(cells: string[], row: number, fields: (LineField | null)[], headings: Partial<Record<LineField, string>>): ParsedLineRow {
  const raw: Partial<Record<LineField, string>> = {};
  const issues: LineImportIssue[] = [];
  cells.forEach((cell, index) => {
    const field = fields[index];
    if (field) raw[field] = cellValue(cell);
  });
  for (const field of Object.keys(headings) as LineField[]) raw[field] ??= "";
  const extra = cells.slice(fields.length).filter((c) => c.trim() !== "");
  if (extra.length > 0) issues.push({ row, column: null, code: "too_many_cells", params: { cells: cells.length, columns: fields.length } });

  const at = (field: LineField, code: LineIssueCode, params: Record<string, string | number> = {}) =>
    issues.push({ row, column: lineHeadingOf(headings, field), code, params: { value: (raw[field] ?? "").trim(), ...params } });
  const text = (field: LineField) => (raw[field] === undefined ? undefined : raw[field]!.normalize("NFKC").trim());
  const required = (field: LineField) => {
    const t = text(field);
    if (!t) at(field, "required");
    return t ?? "";
  };

  const phoneText = required("phoneNumber");
  const phoneNumber = phoneText ? normalizePhoneNumber(phoneText) : null;
  if (phoneText && !phoneNumber) at("phoneNumber", "phone_format");

  const iccidText = required("iccid");
  const iccid = iccidText ? normalizeIccid(iccidText) : null;
  if (iccidText && !iccid) at("iccid", "iccid_format");

  const simText = required("simType");
  const simType = simText ? SIM_WORDS[headingKey(simText)] : undefined;
  if (simText && !simType) at("simType", "sim_type_unknown");

  const plan = required("plan");
  if (plan.length > LINE_LIMITS.plan) at("plan", "too_long", { max: LINE_LIMITS.plan });

  const allowanceText = required("dataAllowanceGb");
  const allowance = /^\d+$/.test(allowanceText) ? Number(allowanceText) : NaN;
  const { min, max } = LINE_LIMITS.dataAllowanceGb;
  if (allowanceText && !(allowance >= min && allowance <= max)) at("dataAllowanceGb", "allowance_range", { min, max });

  let internationalRoaming: boolean | undefined;
  const roamingText = text("internationalRoaming");
  if (roamingText !== undefined) {
    internationalRoaming = roamingText === "" ? false : ROAMING_WORDS[headingKey(roamingText)];
    if (internationalRoaming === undefined) at("internationalRoaming", "roaming_unknown");
  }

  const holderText = text("holderLoginId");
  const holderLoginId = holderText === undefined ? undefined : holderText === "" ? null : holderText.toLowerCase();

  const costText = text("costCenter");
  const costCenter = costText === undefined ? undefined : costText === "" ? null : costText;
  if (costCenter && costCenter.length > LINE_LIMITS.costCenter) at("costCenter", "too_long", { max: LINE_LIMITS.costCenter });

  const mnpText = text("mnpNumber");
  const mnpNumber = mnpText === undefined ? undefined : mnpText === "" ? null : normalizeMnpNumber(mnpText);
  if (mnpNumber && !isMnpNumber(mnpNumber)) at("mnpNumber", "mnp_number_format");

  const expiryText = text("mnpExpiresAt");
  let mnpExpiresAt: Date | null | undefined = expiryText === undefined ? undefined : null;
  if (expiryText) {
    mnpExpiresAt = parseJstDate(expiryText);
    if (!mnpExpiresAt) at("mnpExpiresAt", "date_format");
  }
  if (mnpNumber && !mnpExpiresAt && !issues.some((i) => i.column === lineHeadingOf(headings, "mnpExpiresAt"))) at("mnpExpiresAt", "mnp_expiry_required");
  if (!mnpNumber && mnpExpiresAt && mnpNumber !== undefined) at("mnpNumber", "mnp_number_required");
  if (mnpNumber === undefined && mnpExpiresAt) at("mnpNumber", "mnp_number_required");

  const value: LineCsvValue | null =
    issues.length === 0
      ? {
          phoneNumber: phoneNumber!,
          iccid: iccid!,
          simType: simType!,
          plan,
          dataAllowanceGb: allowance,
          ...(internationalRoaming !== undefined ? { internationalRoaming } : {}),
          ...(holderLoginId !== undefined ? { holderLoginId } : {}),
          ...(costCenter !== undefined ? { costCenter } : {}),
          ...(mnpNumber !== undefined ? { mnpNumber } : {}),
          ...(mnpExpiresAt !== undefined ? { mnpExpiresAt } : {}),
        }
      : null;
  return { row, raw, value, issues };
}

// ───────────────────────── the plan ─────────────────────────

export interface ExistingLine {
  id: string;
  phoneNumber: string;
  iccid: string | null;
  simType: SimTypeValue;
  plan: string;
  dataAllowanceGb: number;
  internationalRoaming: boolean;
  holderLoginId: string | null;
  assignedAccountId: string | null;
  costCenter: string | null;
  mnpNumber: string | null;
  mnpExpiresAt: Date | null;
  status: LineStatusValue;
}

export interface LinePlanContext {
  /** The file's phone numbers found in this organization. */
  byPhone: Map<string, ExistingLine>;
  /** The file's ICCIDs found on lines of this organization: which line (by phone number) holds each. */
  iccidOwners: Map<string, { id: string; phoneNumber: string }>;
  /** The file's holder OCN IDs in this organization, with their status ("active" may hold a line). */
  holders: Map<string, { id: string; active: boolean }>;
}

export type LineRowAction = "create" | "update" | "unchanged" | "error";

export interface LineFieldChange {
  field: LineField;
  before: string | null;
  after: string | null;
}

/** What a row writes: the line's columns (holder as an account id). */
export interface LineWrite {
  phoneNumber: string;
  iccid: string;
  simType: SimTypeValue;
  plan: string;
  dataAllowanceGb: number;
  internationalRoaming: boolean;
  assignedAccountId: string | null;
  costCenter: string | null;
  mnpNumber: string | null;
  mnpExpiresAt: Date | null;
}

export interface PlannedLineRow {
  row: number;
  phoneNumber: string;
  action: LineRowAction;
  changes: LineFieldChange[];
  errors: LineImportIssue[];
  lineId?: string;
  write?: LineWrite;
  /** For an update: the values before, keyed like `changes`, for the audit event. */
  before?: Record<string, string | number | boolean | null>;
  after?: Record<string, string | number | boolean | null>;
}

export interface LineImportPlan {
  rows: PlannedLineRow[];
  counts: Record<LineRowAction, number>;
}

const show = (field: LineField, v: unknown): string | null => {
  if (v === null || v === undefined || v === "") return null;
  if (field === "simType") return SIM_TYPE_LABELS[v as SimTypeValue];
  if (field === "internationalRoaming") return v ? ROAMING_LABELS.on : ROAMING_LABELS.off;
  if (v instanceof Date) return formatJst(v);
  return String(v);
};

const auditValue = (v: unknown): string | number | boolean | null => (v instanceof Date ? v.toISOString() : (v as string | number | boolean | null) ?? null);

export function planLineImport(parsed: ParsedLineCsv, context: LinePlanContext): LineImportPlan {
  // Where each phone number and ICCID appears in the file: a repeat names every row it is in.
  const phoneRows = new Map<string, number[]>();
  const iccidRows = new Map<string, number[]>();
  for (const p of parsed.rows) {
    if (!p.value) continue;
    phoneRows.set(p.value.phoneNumber, [...(phoneRows.get(p.value.phoneNumber) ?? []), p.row]);
    iccidRows.set(p.value.iccid, [...(iccidRows.get(p.value.iccid) ?? []), p.row]);
  }
  const heading = (field: LineField) => lineHeadingOf(parsed.headings, field);

  const rows = parsed.rows.map((p): PlannedLineRow => {
    const errors: LineImportIssue[] = [...p.issues];
    const base = { row: p.row, phoneNumber: (p.raw.phoneNumber ?? "").trim() };
    const v = p.value;
    if (!v) return { ...base, action: "error", changes: [], errors };
    const at = (field: LineField, code: LineIssueCode, params: Record<string, string | number> = {}) => errors.push({ row: p.row, column: heading(field), code, params });

    const phoneIn = phoneRows.get(v.phoneNumber)!;
    if (phoneIn.length > 1) at("phoneNumber", "duplicate_phone_in_file", { value: v.phoneNumber, rows: phoneIn.join(", ") });
    const iccidIn = iccidRows.get(v.iccid)!;
    if (iccidIn.length > 1) at("iccid", "duplicate_iccid_in_file", { value: v.iccid, rows: iccidIn.join(", ") });

    const existing = context.byPhone.get(v.phoneNumber);
    const owner = context.iccidOwners.get(v.iccid);
    if (owner && owner.id !== existing?.id) at("iccid", "iccid_taken", { value: v.iccid, other: owner.phoneNumber });

    let assignedAccountId: string | null | undefined;
    if (v.holderLoginId) {
      const holder = context.holders.get(v.holderLoginId);
      if (!holder) at("holderLoginId", "holder_not_found", { value: v.holderLoginId });
      // A holder who is no longer active may stay on the line they hold (an export re-imports unchanged), not take a new one.
      else if (!holder.active && holder.id !== existing?.assignedAccountId) at("holderLoginId", "holder_inactive", { value: v.holderLoginId });
      else assignedAccountId = holder.id;
    } else if (v.holderLoginId === null) assignedAccountId = null;

    const target = {
      phoneNumber: v.phoneNumber,
      iccid: v.iccid,
      simType: v.simType,
      plan: v.plan,
      dataAllowanceGb: v.dataAllowanceGb,
      internationalRoaming: v.internationalRoaming ?? existing?.internationalRoaming ?? false,
      holderLoginId: v.holderLoginId !== undefined ? v.holderLoginId : (existing?.holderLoginId ?? null),
      costCenter: v.costCenter !== undefined ? v.costCenter : (existing?.costCenter ?? null),
      mnpNumber: v.mnpNumber !== undefined ? v.mnpNumber : (existing?.mnpNumber ?? null),
      mnpExpiresAt: v.mnpExpiresAt !== undefined ? v.mnpExpiresAt : (existing?.mnpExpiresAt ?? null),
    };
    const compared: LineField[] = ["iccid", "simType", "plan", "dataAllowanceGb", "internationalRoaming", "holderLoginId", "costCenter", "mnpNumber", "mnpExpiresAt"];
    // Times are written to the minute (as the export shows them): the same minute is the same value.
    const minute = (d: unknown) => (d instanceof Date ? Math.floor(d.getTime() / 60_000) : null);
    const same = (a: unknown, b: unknown) => (a instanceof Date || b instanceof Date ? minute(a) === minute(b) : (a ?? null) === (b ?? null));
    if (existing && same(existing.mnpExpiresAt, target.mnpExpiresAt)) target.mnpExpiresAt = existing.mnpExpiresAt;
    const changes: LineFieldChange[] = [];
    const before: Record<string, string | number | boolean | null> = {};
    const after: Record<string, string | number | boolean | null> = {};
    for (const field of compared) {
      const was = existing ? existing[field] : null;
      const now = target[field];
      if (existing && same(was, now)) continue;
      if (!existing && (now === null || now === undefined)) continue;
      changes.push({ field, before: existing ? show(field, was) : null, after: show(field, now) });
      const name = field === "holderLoginId" ? "holder" : field;
      if (existing) before[name] = auditValue(was);
      after[name] = auditValue(now);
    }
    if (!existing) changes.unshift({ field: "phoneNumber", before: null, after: v.phoneNumber });
    if (existing && changes.length > 0 && isFinished(existing.status)) at("phoneNumber", "line_finished", { value: v.phoneNumber, status: existing.status });

    const named = { ...base, phoneNumber: v.phoneNumber };
    if (errors.length > 0) return { ...named, action: "error", changes, errors };
    const { holderLoginId: _holder, ...columns } = target;
    void _holder;
    const write: LineWrite = { ...columns, assignedAccountId: assignedAccountId !== undefined ? assignedAccountId : (existing?.assignedAccountId ?? null) };
    if (!existing) return { ...named, action: "create", changes, errors, write, after: { phoneNumber: v.phoneNumber, ...after } };
    if (changes.length === 0) return { ...named, action: "unchanged", changes, errors, lineId: existing.id };
    return { ...named, action: "update", changes, errors, lineId: existing.id, write, before, after };
  });
  const counts: Record<LineRowAction, number> = { create: 0, update: 0, unchanged: 0, error: 0 };
  for (const r of rows) counts[r.action] += 1;
  return { rows, counts };
}

// ───────────────────────── writing ─────────────────────────

export const LINE_EXPORT_HEADINGS = [...LINE_COLUMNS.map((c) => c.heading), ...LINE_EXPORT_ONLY_COLUMNS.map((c) => c.heading)];

export function lineCsvHeader(): string {
  return UTF8_BOM + csvLine(LINE_EXPORT_HEADINGS);
}

export function lineCsvTemplate(): string {
  return UTF8_BOM + csvLine(LINE_COLUMNS.map((c) => c.heading));
}
