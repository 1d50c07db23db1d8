// POST /api/hr/roster/import — dry run (mode=preview) or all-or-nothing replacement (mode=apply) of the HR roster from a CSV, answered as NDJSON progress lines and a result line.
import { MAX_HR_IMPORT_BYTES } from "@/lib/policy/hr-csv";
import { hrImportModeSchema, type HrImportOutcome, type HrImportPreview } from "@/lib/schemas/hr-roster";
import { authorize } from "@/lib/server/authorize";
import { AppError } from "@/lib/server/errors";
import { applyRosterImport } from "@/lib/server/hr/apply-roster-import";
import { previewRosterImport } from "@/lib/server/hr/preview-roster-import";
import { errorResponse, progressResponse } from "@/lib/server/route-response";

export const dynamic = "force-dynamic";

// The form's own fields and boundaries come on top of the file itself.
const MULTIPART_OVERHEAD = 64 * 1024;
const tooLarge = () => new AppError("invalid", `The file is larger than ${MAX_HR_IMPORT_BYTES / 1024 / 1024} MB. The file is the whole roster, so it cannot be split: remove the columns the import does not read and try again.`, "file", "too_large");

export async function POST(request: Request) {
  // Who may import, before any of the body is read.
  try {
    await authorize("offboarding", "manage");
  } catch (e) {
    return errorResponse(e);
  }
  if (Number(request.headers.get("content-length") ?? 0) > MAX_HR_IMPORT_BYTES + MULTIPART_OVERHEAD) return errorResponse(tooLarge());
  const form = await request.formData().catch(() => null);
  const file = form?.get("file");
  const mode = hrImportModeSchema.safeParse(form?.get("mode"));
  if (!form || !(file instanceof File) || !mode.success) {
    return errorResponse(new AppError("invalid", "Send a CSV file as `file` and mode=preview or mode=apply.", "file", "file_required"));
  }
  if (file.size > MAX_HR_IMPORT_BYTES) return errorResponse(tooLarge());
  // The preview's count of people the file removes from the roster: applying refuses a file that would remove others.
  const expected = form.get("expectedRemoved");
  const expectedRemoved = typeof expected === "string" && /^\d{1,7}$/.test(expected) ? Number(expected) : undefined;
  const input = { fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()), expectedRemoved };
  return progressResponse<HrImportPreview | HrImportOutcome>((progress) => (mode.data === "apply" ? applyRosterImport(input, progress) : previewRosterImport(input, progress)));
}
