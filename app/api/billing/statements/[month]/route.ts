// GET /api/billing/statements/[month]?view=lines|departments — a month's statement as an Excel-safe CSV (audited).
import type { NextRequest } from "next/server";
import { exportStatement } from "@/lib/server/billing/export-statement";
import { errorResponse, pathSegment } from "@/lib/server/route-response";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  // The month is the path's last segment: /api/billing/statements/2026-10.
  const month = pathSegment(request, 1);
  try {
    const { fileName, text } = await exportStatement({ month, view: request.nextUrl.searchParams.get("view") });
    return new Response(text, {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${fileName}"`, "cache-control": "no-store" },
    });
  } catch (e) {
    return errorResponse(e);
  }
}
