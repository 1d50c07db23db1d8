"use client";

export interface ApplyProgressLine {
  done: number;
  total: number;
}
export type CloseAnswer = { ok: true; result: ApplyProgressLine } | { ok: false; error: string };

type StreamLine = ({ type: "progress"; phase: string } & ApplyProgressLine) | { type: "result"; result: ApplyProgressLine } | { type: "error"; code: string; key: string | null };

/**
 * Posts to the close route and reads its NDJSON answer: progress lines while the decisions are applied, then the
 * result. A refusal before any progress arrives as plain JSON with its HTTP status.
 */
export async function closeAndApply(reviewId: string, onProgress: (p: ApplyProgressLine) => void): Promise<CloseAnswer> {
  let response: Response;
  try {
    response = await fetch(`/api/reviews/${encodeURIComponent(reviewId)}/close`, { method: "POST" });
  } catch {
    return { ok: false, error: "network" };
  }
  if (!response.ok || !response.body || !response.headers.get("content-type")?.includes("ndjson")) {
    const json = (await response.json().catch(() => null)) as { key?: string | null; code?: string } | null;
    return { ok: false, error: json?.key ?? json?.code ?? "unavailable" };
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
        const line = JSON.parse(text) as StreamLine;
        if (line.type === "progress") onProgress({ done: line.done, total: line.total });
        else if (line.type === "result") return { ok: true, result: line.result };
        else return { ok: false, error: line.key ?? line.code };
      }
      if (done) break;
    }
  } catch {
    return { ok: false, error: "network" };
  }
  return { ok: false, error: "network" };
}
