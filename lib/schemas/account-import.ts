import { z } from "zod";
import type { ImportEncoding, ImportField, ImportIssue } from "@/lib/policy/account-csv";
import type { FieldChange, RowAction } from "@/lib/policy/account-import-plan";

// Bulk import of accounts from CSV (/accounts/import): what the upload sends, the progress lines the server
// streams while it works, and the dry run and outcome it answers with. Shared by the page and the server.

export const IMPORT_MODES = ["preview", "apply"] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export const importModeSchema = z.enum(IMPORT_MODES, { error: "invalid_mode" });

export const accountImportFileSchema = z.object({
  fileName: z
    .string()
    .transform((s) => s.normalize("NFKC").trim())
    .pipe(z.string().min(1, "file_required").max(255, "file_name_too_long")),
  bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array, { error: "file_required" }),
});
export type AccountImportFile = z.input<typeof accountImportFileSchema>;

/** read → check (each row against the database) → write (apply only) → mail (invitations, after commit). */
export type ImportPhase = "read" | "check" | "write" | "mail";

export interface ImportProgress {
  phase: ImportPhase;
  done: number;
  total: number;
}

export type ProgressListener = (progress: ImportProgress) => void;

export interface ImportPreviewRow {
  row: number;
  loginId: string;
  displayName: string;
  action: RowAction;
  changes: FieldChange[];
  errors: ImportIssue[];
  warnings: ImportIssue[];
}

export interface AccountImportPreview {
  fileName: string;
  encoding: ImportEncoding | null;
  rowCount: number;
  counts: Record<RowAction, number>;
  /** Problems with the file as a whole; when there are any, no row was read. */
  fileIssues: ImportIssue[];
  warnings: ImportIssue[];
  /** Each column's heading as the file wrote it, to name the columns of the changes. */
  headings: Partial<Record<ImportField, string>>;
  rows: ImportPreviewRow[];
}

export interface AccountImportSummary {
  importId: string | null;
  fileName: string;
  encoding: ImportEncoding | null;
  rowCount: number;
  created: number;
  updated: number;
  unchanged: number;
}

/** Apply answers with what it did, or with the dry run again when a row has an error (then nothing was written). */
export type AccountImportOutcome = { status: "applied"; summary: AccountImportSummary } | { status: "refused"; preview: AccountImportPreview };

/** One line of the NDJSON stream the import route answers with. */
export type ImportStreamLine =
  | ({ type: "progress" } & ImportProgress)
  | { type: "result"; result: AccountImportPreview | AccountImportOutcome }
  | { type: "error"; code: string; key: string | null; message: string };
