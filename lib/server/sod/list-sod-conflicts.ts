import "server-only";
import { authorize } from "../authorize";
import { db } from "../db";
import { loadSodRules } from "../roles/role-change";
import { findSodConflicts } from "./sod-conflicts";

/** Everyone who breaks a separation-of-duty rule now, with the roles behind each side; org admins listed apart as privileged. */
export async function listSodConflicts() {
  const actor = await authorize("accounts", "view");
  const prisma = await db();
  const now = new Date();
  const rules = await loadSodRules(prisma, actor.organizationId);
  const { conflicts, privileged } = await findSodConflicts(prisma, actor.organizationId, rules, now);
  return { now, ruleCount: rules.length, conflicts, privileged };
}
