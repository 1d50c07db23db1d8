import "server-only";
import { type AccountImportFile, type AccountImportPreview, type ProgressListener } from "@/lib/schemas/account-import";
import { authorize } from "../authorize";
import { db } from "../db";
import { parseImportFile, planImportFile, previewOf } from "./account-import-facts";

/** The dry run of an accounts CSV: what each row would create or change, and every error by row and column. Writes nothing. */
export async function previewAccountImport(input: AccountImportFile, progress?: ProgressListener): Promise<AccountImportPreview> {
  const actor = await authorize("accounts", "manage");
  const file = parseImportFile(input);
  const prisma = await db();
  const { parsed, plan } = await planImportFile(prisma, actor, file, progress);
  return previewOf(file.fileName, parsed, plan);
}
