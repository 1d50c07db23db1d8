import "server-only";
import type { HrImportFile, HrImportPreview, HrProgressListener } from "@/lib/schemas/hr-roster";
import { authorize } from "../authorize";
import { db } from "../db";
import { parseRosterImportFile, planRosterImportFile, rosterPreviewOf } from "./roster-import-facts";

/** The dry run of a roster CSV: who each row creates or changes, who the file leaves out, every error by row and column. Writes nothing. */
export async function previewRosterImport(input: HrImportFile, progress?: HrProgressListener): Promise<HrImportPreview> {
  const actor = await authorize("offboarding", "manage");
  const file = parseRosterImportFile(input);
  const prisma = await db();
  return rosterPreviewOf(file.fileName, await planRosterImportFile(prisma, actor.organizationId, file.bytes, progress));
}
