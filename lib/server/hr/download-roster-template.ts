import "server-only";
import { hrCsvTemplate } from "@/lib/policy/hr-csv";
import { authorize } from "../authorize";

/** The roster CSV's template for the people who import it: the headings only, UTF-8 with BOM so Excel reads them right. */
export async function downloadRosterTemplate(): Promise<{ fileName: string; text: string }> {
  await authorize("offboarding", "manage");
  return { fileName: "hr-roster-template.csv", text: hrCsvTemplate() };
}
