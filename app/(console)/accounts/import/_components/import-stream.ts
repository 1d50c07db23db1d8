"use client";
import type { AccountImportOutcome, AccountImportPreview, ImportMode, ImportProgress, ImportStreamLine } from "@/lib/schemas/account-import";

export type StreamAnswer<T> = { ok: true; result: T } | { ok: false; error: string; status: number };

/**
 * Sends the file to the import route and reads its NDJSON answer: progress lines as they come, then the result.
 * An error before any progress arrives as plain JSON with its HTTP status.
 */
export async function runImport(mode: "preview", file: File, onProgress: (p: ImportProgress) => void): Promise<StreamAnswer<AccountImportPreview>>;
export async function runImport(mode: "apply", file: File, onProgress: (p: ImportProgress) => void): Promise<StreamAnswer<AccountImportOutcome>>;
export async function runImport(mode: ImportMode, file: File, onProgress: (p: ImportProgress) => void): Promise<StreamAnswer<AccountImportPreview | AccountImportOutcome>> {
  const body = new FormData();
  body.set("mode", mode);
  body.set("file", file);
  let response: Response;
  try {
    response = await fetch("/api/accounts/import", { method: "POST", body });
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
        const line = JSON.parse(text) as ImportStreamLine;
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
