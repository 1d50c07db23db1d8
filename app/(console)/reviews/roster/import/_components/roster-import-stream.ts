"use client";
import { postWithProgress, type StreamAnswer } from "@/lib/client/progress-stream";
import type { HrImportOutcome, HrImportPreview, HrImportProgress } from "@/lib/schemas/hr-roster";

export type RosterAnswer<T> = StreamAnswer<T>;

/** Sends the roster to the import route; progress lines as they come, then the result (lib/client/progress-stream.ts). */
export async function sendRoster(mode: "preview", file: File, onProgress: (p: HrImportProgress) => void): Promise<RosterAnswer<HrImportPreview>>;
export async function sendRoster(mode: "apply", file: File, onProgress: (p: HrImportProgress) => void, expectedRemoved: number): Promise<RosterAnswer<HrImportOutcome>>;
export async function sendRoster(
  mode: "preview" | "apply",
  file: File,
  onProgress: (p: HrImportProgress) => void,
  expectedRemoved?: number,
): Promise<RosterAnswer<HrImportPreview | HrImportOutcome>> {
  const body = new FormData();
  body.set("mode", mode);
  body.set("file", file);
  // What the preview showed: the server refuses to remove anyone else.
  if (expectedRemoved !== undefined) body.set("expectedRemoved", String(expectedRemoved));
  return postWithProgress<HrImportProgress, HrImportPreview | HrImportOutcome>("/api/hr/roster/import", body, onProgress);
}
