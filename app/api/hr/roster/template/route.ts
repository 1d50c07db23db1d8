// GET /api/hr/roster/template — the roster CSV's template (headings only, UTF-8 with BOM) for HR to fill in.
import { downloadRosterTemplate } from "@/lib/server/hr/download-roster-template";
import { errorResponse } from "@/lib/server/route-response";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const { fileName, text } = await downloadRosterTemplate();
    return new Response(text, {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${fileName}"`, "cache-control": "no-store" },
    });
  } catch (e) {
    return errorResponse(e);
  }
}
