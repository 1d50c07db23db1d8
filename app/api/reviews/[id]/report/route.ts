// GET /api/reviews/[id]/report — every decision of a campaign as an Excel-safe CSV (reviews:view; audited).
import { exportCampaignReport } from "@/lib/server/reviews/export-campaign-report";
import { errorResponse, pathSegment } from "@/lib/server/route-response";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const id = pathSegment(request, 2);
  try {
    const { fileName, text } = await exportCampaignReport({ id });
    return new Response(text, {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${fileName}"`, "cache-control": "no-store" },
    });
  } catch (e) {
    return errorResponse(e);
  }
}
