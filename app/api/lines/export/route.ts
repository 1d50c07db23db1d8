// GET /api/lines/export — the lines list's filters as an Excel-safe CSV download (UTF-8 with BOM, CRLF), re-importable.
import type { NextRequest } from "next/server";
import { exportLines } from "@/lib/server/lines/export-lines";
import { errorResponse } from "@/lib/server/route-response";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  const params = request.nextUrl.searchParams;
  const one = (key: string) => params.get(key) ?? undefined;
  try {
    const { fileName, text } = await exportLines({ q: one("q"), status: one("status"), simType: one("simType"), holder: one("holder"), plan: one("plan") });
    return new Response(text, {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${fileName}"`, "cache-control": "no-store" },
    });
  } catch (e) {
    return errorResponse(e);
  }
}
