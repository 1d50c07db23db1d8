// POST /api/accounts/import — dry run (mode=preview) or apply (mode=apply) of an accounts CSV, answered as NDJSON progress lines and a result line.
import { MAX_IMPORT_BYTES } from "@/lib/policy/account-csv";
import { importModeSchema, type AccountImportOutcome, type AccountImportPreview } from "@/lib/schemas/account-import";
import { applyAccountImport } from "@/lib/server/accounts/apply-account-import";
import { previewAccountImport } from "@/lib/server/accounts/preview-account-import";
import { AppError } from "@/lib/server/errors";
import { errorResponse, progressResponse } from "@/lib/server/route-response";

export const dynamic = "force-dynamic";

// The form's own fields and boundaries come on top of the file itself.
const MULTIPART_OVERHEAD = 64 * 1024;

export async function POST(request: Request) {
  if (Number(request.headers.get("content-length") ?? 0) > MAX_IMPORT_BYTES + MULTIPART_OVERHEAD) {
    return errorResponse(new AppError("invalid", "The file is larger than 5 MB; split it into smaller files.", "file", "too_large"));
  }
  const form = await request.formData().catch(() => null);
  const file = form?.get("file");
  const mode = importModeSchema.safeParse(form?.get("mode"));
  if (!form || !(file instanceof File) || !mode.success) {
    return errorResponse(new AppError("invalid", "Send a CSV file as `file` and mode=preview or mode=apply.", "file", "file_required"));
  }
  if (file.size > MAX_IMPORT_BYTES) return errorResponse(new AppError("invalid", "The file is larger than 5 MB; split it into smaller files.", "file", "too_large"));
  const input = { fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
  return progressResponse<AccountImportPreview | AccountImportOutcome>((progress) =>
    mode.data === "apply" ? applyAccountImport(input, progress) : previewAccountImport(input, progress),
  );
}
