// POST /api/v1/events — ingest sign-in events from other OCN services, with an organization's API key (events:write).
// Answers { accepted, duplicates, ids } (ids: the audit event ids written, in the batch's order); a replayed batch
// accepts 0. A batch with any bad event is refused whole: 422 { error, message, errors: [{ index, field, message }] }.
import { INGESTION_MAX_BYTES } from "@/lib/schemas/ingestion";
import { authenticateApiKey } from "@/lib/server/api-keys/authenticate-api-key";
import { ingestSignInEvents } from "@/lib/server/ingestion/ingest-sign-in-events";
import { errorResponse } from "@/lib/server/route-response";

export const dynamic = "force-dynamic";

const json = (status: number, body: unknown) => Response.json(body, { status, headers: { "cache-control": "no-store" } });

/** The body as text, or null once it passes `limit` bytes (read no further than that). */
async function readLimited(request: Request, limit: number): Promise<string | null> {
  if (Number(request.headers.get("content-length") ?? 0) > limit) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

export async function POST(request: Request) {
  try {
    const caller = await authenticateApiKey(request.headers.get("authorization"), "events:write");
    const text = await readLimited(request, INGESTION_MAX_BYTES);
    if (text === null) return json(413, { error: "payload_too_large", message: `The body must be at most ${INGESTION_MAX_BYTES} bytes: send smaller batches.` });
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return json(400, { error: "invalid_json", message: "The body is not valid JSON." });
    }
    const result = await ingestSignInEvents(caller, body);
    if (result.kind === "invalid") {
      return json(422, { error: "invalid_events", message: "The batch was refused whole; nothing was written. Fix the events named and send it again.", errors: result.errors });
    }
    return json(200, { accepted: result.accepted, duplicates: result.duplicates, ids: result.ids });
  } catch (e) {
    return errorResponse(e);
  }
}
