// The permission table: domains × levels and the built-in roles. Pure: read by the server check and the UI alike.
export const DOMAINS = ["accounts", "lines", "billing", "security", "audit", "reviews", "offboarding", "org"] as const;
export type Domain = (typeof DOMAINS)[number];

export const LEVELS = ["view", "request", "manage"] as const;
export type Level = (typeof LEVELS)[number];

export type PermissionSet = Partial<Record<Domain, Level>>;

const rank: Record<Level, number> = { view: 1, request: 2, manage: 3 };

/** True when `held` satisfies `needed`: manage ⊃ request ⊃ view. */
export function levelSatisfies(held: Level | undefined, needed: Level): boolean {
  return held !== undefined && rank[held] >= rank[needed];
}

export function can(permissions: PermissionSet, domain: Domain, level: Level): boolean {
  return levelSatisfies(permissions[domain], level);
}

/** Merges several roles' permissions, keeping the highest level per domain. */
export function mergePermissions(sets: Iterable<PermissionSet>): PermissionSet {
  const merged: PermissionSet = {};
  for (const set of sets) {
    for (const domain of DOMAINS) {
      const level = set[domain];
      if (level && (!merged[domain] || rank[level] > rank[merged[domain]])) merged[domain] = level;
    }
  }
  return merged;
}

export const BUILT_IN_ROLE_KEYS = [
  "org_admin",
  "account_admin",
  "line_operator",
  "billing_manager",
  "security_auditor",
  "hr",
  "member",
] as const;
export type BuiltInRoleKey = (typeof BUILT_IN_ROLE_KEYS)[number];

export const BUILT_IN_ROLES: Record<BuiltInRoleKey, PermissionSet> = {
  org_admin: {
    accounts: "manage", lines: "manage", billing: "manage", security: "manage",
    audit: "manage", reviews: "manage", offboarding: "manage", org: "manage",
  },
  account_admin: { accounts: "manage", lines: "request", security: "view", reviews: "view", offboarding: "view" },
  line_operator: { lines: "manage", accounts: "view", billing: "request" },
  billing_manager: { billing: "manage", lines: "view" },
  security_auditor: { audit: "manage", security: "manage", reviews: "manage", accounts: "view", lines: "view" },
  hr: { offboarding: "manage", accounts: "view", reviews: "view" },
  member: {},
};

/** Pairs one person must not hold together (seeded per organization as separation-of-duty rules). */
export const DEFAULT_SOD_RULES: { key: string; a: [Domain, Level]; b: [Domain, Level] }[] = [
  { key: "audit_vs_accounts", a: ["audit", "manage"], b: ["accounts", "manage"] },
  { key: "billing_vs_lines", a: ["billing", "manage"], b: ["lines", "manage"] },
  { key: "billing_vs_audit", a: ["billing", "manage"], b: ["audit", "manage"] },
];

/** The built-in org admin holds every permission by definition: it is outside the separation-of-duty rules and shown as privileged instead. */
export const SOD_EXEMPT_ROLE_KEYS: readonly BuiltInRoleKey[] = ["org_admin"];
