// GET /api/accounts/export — the accounts list's filters as an Excel-safe CSV download (UTF-8 with BOM, CRLF).
import type { NextRequest } from "next/server";
import { exportAccounts } from "@/lib/server/accounts/export-accounts";
import { errorResponse } from "@/lib/server/route-response";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  const params = request.nextUrl.searchParams;
  const one = (key: string) => params.get(key) ?? undefined;
  try {
    const { fileName, chunks } = await exportAccounts({ q: one("q"), status: one("status"), kind: one("kind"), department: one("department"), sort: one("sort"), dir: one("dir") });
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      async cancel() {
        await chunks.return(undefined);
      },
    });
    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${fileName}"`,
        "cache-control": "no-store",
      },
    });
  } catch (e) {
    return errorResponse(e);
  }
}
