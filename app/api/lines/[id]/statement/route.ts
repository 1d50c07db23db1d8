// POST /api/lines/[id]/statement — one line's record and history as CSV; marks its statements exported (audited).
// A POST because it records something: a link or a prefetch from elsewhere cannot mark a line exported.
import { exportLineStatement } from "@/lib/server/lines/export-line-statement";
import { errorResponse, pathSegment } from "@/lib/server/route-response";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  // The id is the path segment before "statement": /api/lines/<id>/statement.
  const id = pathSegment(request, 2);
  try {
    const { fileName, text } = await exportLineStatement({ id });
    return new Response(text, {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${fileName}"`, "cache-control": "no-store" },
    });
  } catch (e) {
    return errorResponse(e);
  }
}
