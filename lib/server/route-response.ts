import "server-only";
import { isAppError } from "./errors";

// Route handlers answer errors as JSON with the AppError's status. Long operations answer with NDJSON:
// progress lines while they work, then one result line.
// A failure before the first progress line (no session, no permission, bad input) is an ordinary JSON error with
// its HTTP status; one after it, when the 200 has gone out, ends the stream with an error line.

export interface ProgressLine {
  phase: string;
  done: number;
  total: number;
}

function errorBody(e: unknown): { status: number; body: { type: "error"; code: string; key: string | null; message: string } } {
  if (isAppError(e)) return { status: e.status, body: { type: "error", code: e.code, key: e.key ?? null, message: e.message } };
  console.error("streamed operation failed", e);
  return { status: 503, body: { type: "error", code: "unavailable", key: null, message: "Something went wrong on our side; nothing was changed. Try again." } };
}

export function errorResponse(e: unknown): Response {
  const { status, body } = errorBody(e);
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}

export async function progressResponse<T>(run: (progress: (line: ProgressLine) => void) => Promise<T>): Promise<Response> {
  const encoder = new TextEncoder();
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  const writer = writable.getWriter();
  // A reader that went away must not fail the work: the operation finishes (or rolls back) on its own.
  const send = (line: unknown) => void writer.write(encoder.encode(`${JSON.stringify(line)}\n`)).catch(() => {});
  let started = false;
  let markStarted: () => void = () => {};
  const firstLine = new Promise<void>((resolve) => (markStarted = resolve));
  const work = run((line) => {
    started = true;
    markStarted();
    send({ type: "progress", ...line });
  });
  const settled = work.then(
    (result) => ({ ok: true as const, result }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  const first = await Promise.race([firstLine.then(() => null), settled]);
  if (first && !first.ok && !started) {
    void writer.abort().catch(() => {});
    return errorResponse(first.error);
  }
  void settled.then((outcome) => {
    send(outcome.ok ? { type: "result", result: outcome.result } : errorBody(outcome.error).body);
    void writer.close().catch(() => {});
  });
  return new Response(readable, {
    headers: {
      "content-type": "application/x-ndjson; charset=utf-8",
      // no-transform: compression would hold the lines back until its buffer fills.
      "cache-control": "no-store, no-transform",
      "x-accel-buffering": "no",
    },
  });
}

/**
 * A path segment counted from the end (1 = the last), decoded; a malformed escape ("%E0%A4%A") is "" rather than a
 * thrown URIError, so the operation answers "not found" or "invalid" instead of a 500.
 */
export function pathSegment(request: Request, fromEnd: number): string {
  const raw = new URL(request.url).pathname.split("/").at(-fromEnd) ?? "";
  try {
    return decodeURIComponent(raw);
  } catch {
    return "";
  }
}
