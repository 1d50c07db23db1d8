// POST /api/reviews/[id]/close — closes a campaign (reviews:manage) and applies its decisions, streaming progress as
// NDJSON lines ({"type":"progress","phase":"apply","done":3,"total":12} …, then {"type":"result",…}). Posting again
// after an interruption resumes applying where it stopped.
import { closeCampaign } from "@/lib/server/reviews/close-campaign";
import { pathSegment, progressResponse } from "@/lib/server/route-response";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  // The id is the path segment before "close": /api/reviews/<id>/close.
  const id = pathSegment(request, 2);
  return progressResponse((progress) => closeCampaign({ id }, (p) => progress({ phase: "apply", ...p })));
}
