import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { can, levelSatisfies, mergePermissions } from "@/lib/permissions";
import { cidrContains, parseCidr } from "@/lib/policy/cidr";
import { normalizeIp, parseTrustedProxies, resolveClientIp } from "@/lib/policy/client-ip";
import { normalizeLoginId } from "@/lib/policy/login-id";
import { safeCallbackUrl } from "@/lib/schemas/auth";
import { listAccountsSchema } from "@/lib/schemas/accounts";
import { hrefWith } from "@/lib/url-state";
import { formatDateTime } from "@/lib/format";

describe("login IDs", () => {
  it("fold full-width characters, spaces and case", () => {
    expect(normalizeLoginId(" ＹＡＭＡＤＡ＠ｅｘａｍｐｌｅ．ｊｐ　")).toBe("yamada@example.jp");
  });
  it("are idempotent", () => {
    fc.assert(fc.property(fc.string(), (s) => normalizeLoginId(normalizeLoginId(s)) === normalizeLoginId(s)));
  });
});

describe("CIDRs", () => {
  it("parse IPv4 and IPv6 and refuse malformed ones", () => {
    expect(parseCidr("203.0.113.0/24")?.prefix).toBe(24);
    expect(parseCidr("2001:db8::/32")?.version).toBe(6);
    expect(parseCidr("１９２．０．２．１")?.prefix).toBe(32);
    for (const bad of ["203.0.113.0/33", "203.0.113.1/24", "300.1.1.1", "1.2.3.4/2/3", "abc", "", "2001:db8::/129", "1.2.3.4/-1"]) {
      expect(parseCidr(bad), bad).toBeNull();
    }
  });
  it("match addresses inside and only inside", () => {
    const office = parseCidr("203.0.113.0/24")!;
    expect(cidrContains(office, "203.0.113.200")).toBe(true);
    expect(cidrContains(office, "203.0.114.1")).toBe(false);
    expect(cidrContains(office, "::ffff:203.0.113.9")).toBe(true);
    expect(cidrContains(parseCidr("2001:db8:1::/48")!, "2001:db8:1:ffff::1")).toBe(true);
    expect(cidrContains(parseCidr("2001:db8:1::/48")!, "2001:db8:2::1")).toBe(false);
    expect(cidrContains(parseCidr("0.0.0.0/0")!, "8.8.8.8")).toBe(true);
  });
  it("contain every address of their own range", () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.integer({ min: 0, max: 32 }), (ip, prefix) => {
        const n = ip.split(".").reduce((a, p) => a * 256 + Number(p), 0);
        const network = prefix === 0 ? 0 : (n >>> (32 - prefix)) * 2 ** (32 - prefix);
        const text = [24, 16, 8, 0].map((s) => Math.floor(network / 2 ** s) % 256).join(".");
        return cidrContains(parseCidr(`${text}/${prefix}`)!, ip);
      }),
    );
  });
});

describe("client IP", () => {
  const trusted = parseTrustedProxies("10.0.0.0/8, 192.0.2.1");
  it("is the socket address when the socket is not a trusted proxy", () => {
    expect(resolveClientIp("198.51.100.5", "1.2.3.4", trusted)).toBe("198.51.100.5");
  });
  it("follows X-Forwarded-For through trusted proxies only", () => {
    expect(resolveClientIp("10.1.1.1", "203.0.113.9, 192.0.2.1", trusted)).toBe("203.0.113.9");
    expect(resolveClientIp("10.1.1.1", "6.6.6.6, 203.0.113.9", trusted)).toBe("203.0.113.9");
  });
  it("normalizes IPv4-mapped IPv6 and refuses garbage", () => {
    expect(normalizeIp("::ffff:192.0.2.7")).toBe("192.0.2.7");
    expect(normalizeIp("[2001:db8::1]")).toBe("2001:db8::1");
    expect(normalizeIp("not-an-ip")).toBeNull();
    expect(() => parseTrustedProxies("10.0.0.0/8, nonsense")).toThrow(/nonsense/);
  });
});

describe("permissions", () => {
  it("order manage above request above view", () => {
    expect(levelSatisfies("manage", "view")).toBe(true);
    expect(levelSatisfies("request", "manage")).toBe(false);
    expect(levelSatisfies(undefined, "view")).toBe(false);
  });
  it("merge roles by the highest level per domain", () => {
    const merged = mergePermissions([{ lines: "view", accounts: "manage" }, { lines: "manage" }]);
    expect(merged).toEqual({ lines: "manage", accounts: "manage" });
    expect(can(merged, "billing", "view")).toBe(false);
  });
});

describe("URL state", () => {
  it("drops defaults and empty values", () => {
    expect(hrefWith("/accounts", { q: "", sort: "displayName", page: 2 }, { page: 3 }, { sort: "displayName", page: 1 })).toBe("/accounts?page=3");
    expect(hrefWith("/accounts", { page: 3 }, { page: 1 }, { page: 1 })).toBe("/accounts");
  });
  it("falls back to defaults for unusable list parameters", () => {
    const q = listAccountsSchema.parse({ page: "-4", pageSize: "7", sort: "password_hash", status: "x", q: "  ＴＡＮＡＫＡ " });
    expect(q).toMatchObject({ page: 1, pageSize: 50, sort: "displayName", status: undefined, q: "TANAKA" });
  });
  it("never redirects off-site after sign-in", () => {
    expect(safeCallbackUrl("/accounts?q=1")).toBe("/accounts?q=1");
    for (const bad of ["//evil.example", "https://evil.example", "/\\evil", "", null]) expect(safeCallbackUrl(bad)).toBe("/");
  });
});

describe("formatting", () => {
  it("shows JST as 2026/11/24 09:30", () => {
    expect(formatDateTime(new Date("2026-11-24T00:30:00Z"))).toBe("2026/11/24 09:30");
  });
});
