import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BUILT_IN_ROLES, DEFAULT_SOD_RULES, DOMAINS, LEVELS, mergePermissions, type PermissionSet } from "@/lib/permissions";
import { isSelfContradictoryRule, newSodConflicts, sodConflicts, type SodRuleLike } from "@/lib/policy/separation-of-duties";
import { createRoleSchema, createSodRuleSchema, updateRoleSchema, updateSodRuleSchema, updateSodSettingsSchema } from "@/lib/schemas/roles";

const rules: SodRuleLike[] = DEFAULT_SOD_RULES.map((r) => ({ id: r.key, name: r.key, domainA: r.a[0], levelA: r.a[1], domainB: r.b[0], levelB: r.b[1] }));
const rule = (id: string, a: `${string}:${string}`, b: `${string}:${string}`): SodRuleLike => {
  const [domainA, levelA] = a.split(":") as [SodRuleLike["domainA"], SodRuleLike["levelA"]];
  const [domainB, levelB] = b.split(":") as [SodRuleLike["domainB"], SodRuleLike["levelB"]];
  return { id, name: id, domainA, levelA, domainB, levelB };
};
const ids = (found: SodRuleLike[]) => found.map((r) => r.id);

const permissionSet = fc
  .array(fc.tuple(fc.constantFrom(...DOMAINS), fc.constantFrom(...LEVELS)), { maxLength: 8 })
  .map((pairs) => mergePermissions(pairs.map(([d, l]) => ({ [d]: l }) as PermissionSet)));
const anyRule = fc
  .tuple(fc.constantFrom(...DOMAINS), fc.constantFrom(...LEVELS), fc.constantFrom(...DOMAINS), fc.constantFrom(...LEVELS), fc.uuid())
  .filter(([a, , b]) => a !== b)
  .map(([domainA, levelA, domainB, levelB, id]) => ({ id, name: id, domainA, levelA, domainB, levelB }) as SodRuleLike);

describe("separation-of-duty conflicts", () => {
  it("are broken only when both sides are held at or above their level", () => {
    const r = rule("r", "audit:manage", "accounts:manage");
    expect(ids(sodConflicts({ audit: "manage", accounts: "manage" }, [r]))).toEqual(["r"]);
    expect(ids(sodConflicts({ audit: "manage", accounts: "request" }, [r]))).toEqual([]);
    expect(ids(sodConflicts({ audit: "manage" }, [r]))).toEqual([]);
    expect(ids(sodConflicts({}, [r]))).toEqual([]);
  });

  it("read a lower level on a side as 'that level or higher'", () => {
    const r = rule("r", "billing:view", "lines:request");
    expect(ids(sodConflicts({ billing: "manage", lines: "manage" }, [r]))).toEqual(["r"]);
    expect(ids(sodConflicts({ billing: "view", lines: "request" }, [r]))).toEqual(["r"]);
    expect(ids(sodConflicts({ billing: "view", lines: "view" }, [r]))).toEqual([]);
  });

  it("find the defaults in the built-in roles as expected", () => {
    // Each built-in role other than org admin is safe on its own; two together can break a rule.
    for (const [key, set] of Object.entries(BUILT_IN_ROLES)) {
      expect(ids(sodConflicts(set, rules)), key).toEqual(key === "org_admin" ? ["audit_vs_accounts", "billing_vs_lines", "billing_vs_audit"] : []);
    }
    const both = mergePermissions([BUILT_IN_ROLES.account_admin, BUILT_IN_ROLES.security_auditor]);
    expect(ids(sodConflicts(both, rules))).toEqual(["audit_vs_accounts"]);
    const lineAndBilling = mergePermissions([BUILT_IN_ROLES.line_operator, BUILT_IN_ROLES.billing_manager]);
    expect(ids(sodConflicts(lineAndBilling, rules))).toEqual(["billing_vs_lines"]);
  });

  it("newly broken rules exclude those already broken before the change", () => {
    const before = mergePermissions([BUILT_IN_ROLES.account_admin, BUILT_IN_ROLES.security_auditor]);
    const after = mergePermissions([before, { billing: "manage" }]);
    expect(ids(newSodConflicts(before, after, rules))).toEqual(["billing_vs_audit"]);
    expect(ids(newSodConflicts(after, after, rules))).toEqual([]);
    expect(ids(newSodConflicts(after, before, rules))).toEqual([]);
  });

  it("hold as properties: conflicts need both sides, more permissions never break fewer rules, new ⊆ after", () => {
    fc.assert(
      fc.property(permissionSet, permissionSet, fc.array(anyRule, { maxLength: 6 }), (a, b, rs) => {
        for (const r of sodConflicts(a, rs)) {
          expect(a[r.domainA]).toBeDefined();
          expect(a[r.domainB]).toBeDefined();
        }
        const more = mergePermissions([a, b]);
        const broken = new Set(ids(sodConflicts(more, rs)));
        for (const id of ids(sodConflicts(a, rs))) expect(broken.has(id)).toBe(true);
        const fresh = newSodConflicts(a, more, rs);
        for (const r of fresh) {
          expect(broken.has(r.id)).toBe(true);
          expect(ids(sodConflicts(a, rs))).not.toContain(r.id);
        }
      }),
    );
  });

  it("refuse rules with both sides in one domain", () => {
    expect(isSelfContradictoryRule({ domainA: "audit", domainB: "audit" })).toBe(true);
    expect(isSelfContradictoryRule({ domainA: "audit", domainB: "accounts" })).toBe(false);
  });
});

describe("role and rule schemas", () => {
  it("read a role form's flat fields into a permission set, 'none' meaning absent", () => {
    const parsed = createRoleSchema.parse({ name: " 請求　監査補助 ", description: "", "permissions.billing": "view", "permissions.audit": "none", "permissions.lines": "request" });
    expect(parsed).toEqual({ name: "請求 監査補助", description: null, permissions: { billing: "view", lines: "request" } });
    // The output parses again unchanged: the action parses, then the operation.
    expect(createRoleSchema.parse(parsed)).toEqual(parsed);
  });

  it("accept permissions as an object and refuse unknown areas or levels, naming the field", () => {
    expect(createRoleSchema.parse({ name: "x", permissions: { org: "manage" } }).permissions).toEqual({ org: "manage" });
    const badLevel = createRoleSchema.safeParse({ name: "x", "permissions.audit": "admin" });
    expect(badLevel.success).toBe(false);
    expect(badLevel.error!.issues[0]).toMatchObject({ path: ["permissions", "audit"], message: "invalid_choice" });
    const badDomain = createRoleSchema.safeParse({ name: "x", permissions: { everything: "manage" } });
    expect(badDomain.success).toBe(false);
    expect(createRoleSchema.safeParse({ name: "   " }).error!.issues[0]).toMatchObject({ path: ["name"], message: "required" });
    expect(createRoleSchema.safeParse({ name: "x".repeat(51) }).error!.issues[0]).toMatchObject({ path: ["name"], message: "too_long" });
  });

  it("take an optional justification on role edits", () => {
    const id = "6f1c0a8e-8d4b-4e1a-9c55-0f4b3e2d1a90";
    expect(updateRoleSchema.parse({ id, name: "x", justification: "  " }).justification).toBeNull();
    expect(updateRoleSchema.parse({ id, name: "x", justification: "監査法人の指示 (12月末まで)" }).justification).toBe("監査法人の指示 (12月末まで)");
    expect(updateRoleSchema.safeParse({ id: "1 OR 1=1", name: "x" }).error!.issues[0]!.path).toEqual(["id"]);
  });

  it("refuse a rule with both sides in one domain, on side B", () => {
    const same = createSodRuleSchema.safeParse({ name: "x", domainA: "audit", levelA: "view", domainB: "audit", levelB: "manage" });
    expect(same.error!.issues[0]).toMatchObject({ path: ["domainB"], message: "same_domain" });
    const ok = createSodRuleSchema.parse({ name: "請求と監査", domainA: "billing", levelA: "manage", domainB: "audit", levelB: "view" });
    expect(createSodRuleSchema.parse(ok)).toEqual(ok);
    expect(updateSodRuleSchema.safeParse({ ...ok, id: "6f1c0a8e-8d4b-4e1a-9c55-0f4b3e2d1a90", domainB: "billing" }).success).toBe(false);
    expect(createSodRuleSchema.safeParse({ ...ok, domainA: "" }).error!.issues[0]).toMatchObject({ path: ["domainA"], message: "invalid_choice" });
  });

  it("read the exception setting from a form or from code", () => {
    expect(updateSodSettingsSchema.parse({ overrideAllowed: "true" })).toEqual({ overrideAllowed: true });
    expect(updateSodSettingsSchema.parse({ overrideAllowed: false })).toEqual({ overrideAllowed: false });
    expect(updateSodSettingsSchema.safeParse({ overrideAllowed: "yes" }).success).toBe(false);
  });
});
