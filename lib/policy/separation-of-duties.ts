// Separation of duties: pairs of permissions one person must not hold together. Pure: used when granting, in the
// conflicts list and in reviews.
import { levelSatisfies, type Domain, type Level, type PermissionSet } from "@/lib/permissions";

export interface SodRuleLike {
  id: string;
  name: string;
  domainA: Domain;
  levelA: Level;
  domainB: Domain;
  levelB: Level;
}

/** The rules a set of permissions breaks: a rule is broken when both sides are held at or above their level. */
export function sodConflicts<R extends SodRuleLike>(permissions: PermissionSet, rules: readonly R[]): R[] {
  return rules.filter((rule) => levelSatisfies(permissions[rule.domainA], rule.levelA) && levelSatisfies(permissions[rule.domainB], rule.levelB));
}

/** Rules broken by `after` that `before` did not already break: what a change would newly bring. */
export function newSodConflicts<R extends SodRuleLike>(before: PermissionSet, after: PermissionSet, rules: readonly R[]): R[] {
  const already = new Set(sodConflicts(before, rules).map((r) => r.id));
  return sodConflicts(after, rules).filter((r) => !already.has(r.id));
}

/** A rule whose two sides are the same permission (or where one side implies the other in the same domain) could never be held by anyone with that permission; such a rule is refused. */
export function isSelfContradictoryRule(rule: Pick<SodRuleLike, "domainA" | "domainB">): boolean {
  return rule.domainA === rule.domainB;
}
