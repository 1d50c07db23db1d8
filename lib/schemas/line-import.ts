import { z } from "zod";
import type { ImportEncoding } from "@/lib/policy/account-csv";
import type { LineField, LineFieldChange, LineImportIssue, LineRowAction } from "@/lib/policy/line-csv";

// Bulk import of lines from CSV (/lines/import): the upload, and the dry run and outcome the server answers with.

export const lineImportModeSchema = z.enum(["preview", "apply"], { error: "invalid_mode" });

export const lineImportFileSchema = z.object({
  fileName: z
    .string()
    .transform((s) => s.normalize("NFKC").trim())
    .pipe(z.string().min(1, "file_required").max(255, "file_name_too_long")),
  bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array, { error: "file_required" }),
});
export type LineImportFile = z.input<typeof lineImportFileSchema>;

export interface LineImportPreviewRow {
  row: number;
  phoneNumber: string;
  action: LineRowAction;
  changes: LineFieldChange[];
  errors: LineImportIssue[];
}

export interface LineImportPreview {
  fileName: string;
  encoding: ImportEncoding | null;
  rowCount: number;
  counts: Record<LineRowAction, number>;
  fileIssues: LineImportIssue[];
  warnings: LineImportIssue[];
  headings: Partial<Record<LineField, string>>;
  rows: LineImportPreviewRow[];
}

export interface LineImportSummary {
  fileName: string;
  encoding: ImportEncoding | null;
  rowCount: number;
  created: number;
  updated: number;
  unchanged: number;
}

export type LineImportOutcome = { status: "applied"; summary: LineImportSummary } | { status: "refused"; preview: LineImportPreview };
