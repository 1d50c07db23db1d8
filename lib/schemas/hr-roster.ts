import { z } from "zod";
import type { ImportEncoding } from "@/lib/policy/account-csv";
import type { EmploymentStatusValue, HrField, HrFieldChange, HrImportIssue, HrRowAction } from "@/lib/policy/hr-csv";

// The HR roster (/reviews/roster): the upload and the dry run and outcome the import answers with, the progress lines
// it streams, and the reconciliation page's filters. Shared by the pages and the server.

export const hrImportModeSchema = z.enum(["preview", "apply"], { error: "invalid_mode" });

export const hrImportFileSchema = z.object({
  fileName: z
    .string()
    .transform((s) => s.normalize("NFKC").trim())
    .pipe(z.string().min(1, "file_required").max(255, "file_name_too_long")),
  bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array, { error: "file_required" }),
  /** Apply only: how many people the preview showed leaving the roster; a different plan is refused. */
  expectedRemoved: z.number().int().min(0).optional(),
});
export type HrImportFile = z.input<typeof hrImportFileSchema>;

/** read → check (against the stored roster) → write (apply only). */
export type HrImportPhase = "read" | "check" | "write";

export interface HrImportProgress {
  phase: HrImportPhase;
  done: number;
  total: number;
}

export type HrProgressListener = (progress: HrImportProgress) => void;

export interface HrImportPreviewRow {
  row: number;
  employeeNumber: string;
  name: string;
  action: HrRowAction;
  changes: HrFieldChange[];
  errors: HrImportIssue[];
}

export interface HrImportPreview {
  fileName: string;
  encoding: ImportEncoding | null;
  rowCount: number;
  /** How many people the stored roster holds now: the file replaces them. */
  storedCount: number;
  counts: Record<HrRowAction | "remove", number>;
  /** Problems with the file as a whole; when there are any, no row was read. */
  fileIssues: HrImportIssue[];
  warnings: HrImportIssue[];
  headings: Partial<Record<HrField, string>>;
  rows: HrImportPreviewRow[];
  removed: { employeeNumber: string; name: string; department: string; employmentStatus: EmploymentStatusValue }[];
}

export interface HrImportSummary {
  importId: string;
  fileName: string;
  encoding: ImportEncoding | null;
  rowCount: number;
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
}

/** Apply answers with what it did, or with the dry run again when a row has an error (then nothing was written). */
export type HrImportOutcome = { status: "applied"; summary: HrImportSummary } | { status: "refused"; preview: HrImportPreview };

/** One line of the NDJSON stream the import route answers with. */
export type HrImportStreamLine =
  | ({ type: "progress" } & HrImportProgress)
  | { type: "result"; result: HrImportPreview | HrImportOutcome }
  | { type: "error"; code: string; key: string | null; message: string };

// ───────────────────────── reconciliation ─────────────────────────

/** The reconciliation's differences, most urgent first. */
export const ROSTER_CATEGORIES = ["hr_status", "no_hr_record", "department", "no_account", "lines"] as const;
export type RosterCategory = (typeof ROSTER_CATEGORIES)[number];

export const ROSTER_PAGE_SIZE = 50;

/** An unusable value in the URL falls back to its default instead of failing the page. */
export const rosterReconciliationQuerySchema = z.object({
  category: z.enum(ROSTER_CATEGORIES).default("hr_status").catch("hr_status"),
  q: z
    .string()
    .transform((s) => s.normalize("NFKC").trim().slice(0, 100))
    .optional()
    .catch(undefined),
  hrStatus: z.enum(["terminated", "leave", "seconded"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});
export type RosterReconciliationInput = Partial<Record<keyof z.output<typeof rosterReconciliationQuerySchema>, string | number>>;
export type RosterReconciliationQuery = z.output<typeof rosterReconciliationQuerySchema>;
