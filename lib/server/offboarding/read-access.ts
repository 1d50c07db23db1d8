import "server-only";
import { can } from "@/lib/permissions";
import { authorize, type Actor } from "../authorize";
import { AppError } from "../errors";

/**
 * Offboarding is read by HR and its viewers (offboarding:view) and by the functions that own its tasks: line operators
 * (lines:manage), account admins (accounts:manage) and billing (billing:manage) see the cases to close their tasks.
 */
export async function authorizeOffboardingReader(): Promise<Actor> {
  const actor = await authorize();
  const p = actor.permissions;
  if (can(p, "offboarding", "view") || can(p, "lines", "manage") || can(p, "accounts", "manage") || can(p, "billing", "manage")) return actor;
  throw new AppError("forbidden", "This needs the offboarding:view permission.");
}
