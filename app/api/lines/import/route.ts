// POST /api/lines/import — dry run (mode=preview) or all-or-nothing apply (mode=apply) of a lines CSV, answered as JSON.
import { MAX_LINE_IMPORT_BYTES } from "@/lib/policy/line-csv";
import { lineImportModeSchema } from "@/lib/schemas/line-import";
import { AppError } from "@/lib/server/errors";
import { applyLineImport } from "@/lib/server/lines/apply-line-import";
import { previewLineImport } from "@/lib/server/lines/preview-line-import";
import { errorResponse } from "@/lib/server/route-response";

export const dynamic = "force-dynamic";

// The form's own fields and boundaries come on top of the file itself.
const MULTIPART_OVERHEAD = 64 * 1024;

export async function POST(request: Request) {
  try {
    if (Number(request.headers.get("content-length") ?? 0) > MAX_LINE_IMPORT_BYTES + MULTIPART_OVERHEAD) {
      throw new AppError("invalid", "The file is larger than 5 MB; split it into smaller files.", "file", "too_large");
    }
    const form = await request.formData().catch(() => null);
    const file = form?.get("file");
    const mode = lineImportModeSchema.safeParse(form?.get("mode"));
    if (!form || !(file instanceof File) || !mode.success) throw new AppError("invalid", "Send a CSV file as `file` and mode=preview or mode=apply.", "file", "file_required");
    if (file.size > MAX_LINE_IMPORT_BYTES) throw new AppError("invalid", "The file is larger than 5 MB; split it into smaller files.", "file", "too_large");
    const input = { fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
    const result = mode.data === "apply" ? await applyLineImport(input) : await previewLineImport(input);
    return Response.json(result, { headers: { "cache-control": "no-store" } });
  } catch (e) {
    return errorResponse(e);
  }
}
