"use client";
import type { HrImportOutcome, HrImportPreview, HrImportProgress, HrImportStreamLine } from "@/lib/schemas/hr-roster";

export type RosterAnswer<T> = { ok: true; result: T } | { ok: false; error: string; status: number };

/**
 * Sends the roster to the import route and reads its NDJSON answer: progress lines as they come, then the result.
 * An error before any progress (no session, no permission, a file too large) arrives as plain JSON with its status.
 */
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
  let response: Response;
  try {
    response = await fetch("/api/hr/roster/import", { method: "POST", body });
  } catch {
    return { ok: false, error: "network", status: 0 };
  }
  if (!response.ok || !response.body || !response.headers.get("content-type")?.includes("ndjson")) {
    const json = (await response.json().catch(() => null)) as { key?: string | null; code?: string } | null;
    return { ok: false, error: json?.key ?? json?.code ?? "unavailable", status: response.status };
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (value) buffer += value;
      let end: number;
      while ((end = buffer.indexOf("\n")) >= 0) {
        const text = buffer.slice(0, end).trim();
        buffer = buffer.slice(end + 1);
        if (!text) continue;
        const line = JSON.parse(text) as HrImportStreamLine;
        if (line.type === "progress") onProgress(line);
        else if (line.type === "result") return { ok: true, result: line.result };
        else return { ok: false, error: line.key ?? line.code, status: 200 };
      }
      if (done) break;
    }
  } catch {
    return { ok: false, error: "network", status: 0 };
  }
  return { ok: false, error: "network", status: 0 };
}
