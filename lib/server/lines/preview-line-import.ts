import "server-only";
import type { LineImportFile, LineImportPreview } from "@/lib/schemas/line-import";
import { authorize } from "../authorize";
import { db } from "../db";
import { linePreviewOf, parseLineImportFile, planLineImportFile } from "./line-import-facts";

/** The dry run of a lines CSV: what each row would create or change, and every error by row and column. Writes nothing. */
export async function previewLineImport(input: LineImportFile): Promise<LineImportPreview> {
  const actor = await authorize("lines", "manage");
  const file = parseLineImportFile(input);
  const prisma = await db();
  const { parsed, plan } = await planLineImportFile(prisma, actor.organizationId, file.bytes);
  return linePreviewOf(file.fileName, parsed, plan);
}
