// GET /api/audit/export — the audit explorer's filters as a streamed download: ?format=csv (Excel-safe) or jsonl.
import { cookies } from "next/headers";
import type { NextRequest } from "next/server";
import { LOCALE_COOKIE, resolveLocale } from "@/lib/i18n/locale";
import { exportAuditEvents } from "@/lib/server/audit/export-audit-events";
import { errorResponse } from "@/lib/server/route-response";

export const dynamic = "force-dynamic";

const CONTENT_TYPES = { csv: "text/csv; charset=utf-8", jsonl: "application/x-ndjson; charset=utf-8" } as const;
const KEYS = ["from", "to", "actor", "target", "action", "outcome", "ip", "country", "format"] as const;

export async function GET(request: NextRequest) {
  const params = request.nextUrl.searchParams;
  const input = Object.fromEntries(KEYS.flatMap((k) => (params.get(k) === null ? [] : [[k, params.get(k)!]])));
  try {
    const locale = resolveLocale((await cookies()).get(LOCALE_COOKIE)?.value);
    const { fileName, format, rowCount, chunks } = await exportAuditEvents(input, locale);
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (e) {
          console.error("audit export failed mid-stream", e);
          controller.error(e);
        }
      },
      async cancel() {
        await chunks.return(undefined);
      },
    });
    return new Response(body, {
      headers: {
        "content-type": CONTENT_TYPES[format],
        "content-disposition": `attachment; filename="${fileName}"`,
        "cache-control": "no-store, no-transform",
        "x-accel-buffering": "no",
        "x-row-count": String(rowCount),
      },
    });
  } catch (e) {
    return errorResponse(e);
  }
}
