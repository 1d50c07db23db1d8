"use client";
// The client side of progressResponse (lib/server/route-response.ts): posts, then reads the NDJSON answer — progress
// lines as they come, then the result or an error line. A refusal before any progress arrives as plain JSON with its
// HTTP status. Shared by the imports and the review close.

export type StreamAnswer<T> = { ok: true; result: T } | { ok: false; error: string; status: number };

type Line<P, T> = ({ type: "progress" } & P) | { type: "result"; result: T } | { type: "error"; code: string; key: string | null };

export async function postWithProgress<P, T>(url: string, body: BodyInit | undefined, onProgress: (p: P) => void): Promise<StreamAnswer<T>> {
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", body });
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
        const line = JSON.parse(text) as Line<P, T>;
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
