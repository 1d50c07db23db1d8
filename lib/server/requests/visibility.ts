import "server-only";
// Who sees which requests: those in a domain the person may view, and their own.
import { DOMAINS, can, type Domain } from "@/lib/permissions";
import type { Actor } from "../authorize";

export function canSeeRequest(actor: Pick<Actor, "accountId" | "permissions">, request: { domain: Domain; requestedById: string }): boolean {
  return request.requestedById === actor.accountId || can(actor.permissions, request.domain, "view");
}

export function domainsWith(actor: Pick<Actor, "permissions">, level: "view" | "manage"): Domain[] {
  return DOMAINS.filter((d) => can(actor.permissions, d, level));
}
