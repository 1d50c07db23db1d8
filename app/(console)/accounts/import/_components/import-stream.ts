"use client";
import { postWithProgress, type StreamAnswer } from "@/lib/client/progress-stream";
import type { AccountImportOutcome, AccountImportPreview, ImportMode, ImportProgress } from "@/lib/schemas/account-import";

export type { StreamAnswer };

/** Sends the file to the import route; progress lines as they come, then the result (lib/client/progress-stream.ts). */
export async function runImport(mode: "preview", file: File, onProgress: (p: ImportProgress) => void): Promise<StreamAnswer<AccountImportPreview>>;
export async function runImport(mode: "apply", file: File, onProgress: (p: ImportProgress) => void): Promise<StreamAnswer<AccountImportOutcome>>;
export async function runImport(mode: ImportMode, file: File, onProgress: (p: ImportProgress) => void): Promise<StreamAnswer<AccountImportPreview | AccountImportOutcome>> {
  const body = new FormData();
  body.set("mode", mode);
  body.set("file", file);
  return postWithProgress<ImportProgress, AccountImportPreview | AccountImportOutcome>("/api/accounts/import", body, onProgress);
}
