import { describe, expect, it } from "vitest";
import {
  auditFilterSchema,
  decodeAuditCursor,
  encodeAuditCursor,
  parseActionFilter,
  parseIpFilter,
  parseJstBound,
} from "@/lib/schemas/audit";

describe("parseJstBound", () => {
  it("reads a JST date as the start of that day, and as the next midnight when it is the upper bound", () => {
    expect(parseJstBound("2025-04-01", "from")?.toISOString()).toBe("2025-03-31T15:00:00.000Z");
    expect(parseJstBound("2025-04-01", "to")?.toISOString()).toBe("2025-04-01T15:00:00.000Z");
  });
  it("reads a JST wall-clock time and an ISO instant with its own offset", () => {
    expect(parseJstBound("2025-04-01T09:30", "from")?.toISOString()).toBe("2025-04-01T00:30:00.000Z");
    expect(parseJstBound("2025-04-01T09:30:15", "to")?.toISOString()).toBe("2025-04-01T00:30:15.000Z");
    expect(parseJstBound("2025-04-01T00:00:00Z", "from")?.toISOString()).toBe("2025-04-01T00:00:00.000Z");
  });
  it("rejects impossible or odd values", () => {
    for (const bad of ["2025-02-30", "2025-13-01", "2025-04-01T24:00", "yesterday", "", "1999-12-31", "2025-4-1"]) {
      expect(parseJstBound(bad, "from"), bad).toBeNull();
    }
  });
});

describe("parseActionFilter", () => {
  it("tells an exact action from a prefix", () => {
    expect(parseActionFilter("auth.sign_in")).toEqual({ action: "auth.sign_in", prefix: false });
    expect(parseActionFilter("auth.")).toEqual({ action: "auth.", prefix: true });
    expect(parseActionFilter("auth.*")).toEqual({ action: "auth.", prefix: true });
    expect(parseActionFilter("auth%")).toBeNull();
    expect(parseActionFilter("..")).toBeNull();
  });
});

describe("parseIpFilter", () => {
  it("accepts IPv4/IPv6 addresses and CIDRs", () => {
    expect(parseIpFilter("203.0.113.7")).toEqual({ ok: true, cidr: "203.0.113.7/32" });
    expect(parseIpFilter("203.0.113.0/24")).toEqual({ ok: true, cidr: "203.0.113.0/24" });
    expect(parseIpFilter("2001:DB8::/32")).toEqual({ ok: true, cidr: "2001:db8::/32" });
    expect(parseIpFilter("::1")).toEqual({ ok: true, cidr: "::1/128" });
  });
  it("names a malformed one", () => {
    for (const bad of ["203.0.113.0/33", "203.0.113", "2001:db8::/129", "10.0.0.1/8", "abc", "1.2.3.4/24/1"]) {
      expect(parseIpFilter(bad), bad).toEqual({ ok: false, reason: "invalid_cidr" });
    }
  });
});

describe("audit cursor", () => {
  it("round-trips and rejects junk", () => {
    const c = { occurredAt: new Date("2025-04-01T00:00:00.123Z"), id: 9_007_199_254_740_993n };
    expect(decodeAuditCursor(encodeAuditCursor(c))).toEqual(c);
    expect(decodeAuditCursor("abc")).toBeNull();
    expect(decodeAuditCursor("1_99999999999999999999")).toBeNull();
  });
});

describe("auditFilterSchema", () => {
  it("falls back to defaults for unusable URL values", () => {
    const f = auditFilterSchema.parse({
      from: "nope",
      outcome: "maybe",
      country: "JPN",
      action: "x%",
      cursor: "zzz",
      pageSize: "7",
      actor: "   ",
    });
    expect(f).toMatchObject({
      from: undefined,
      outcome: undefined,
      country: undefined,
      action: undefined,
      cursor: undefined,
      pageSize: 50,
      actor: undefined,
      ipError: undefined,
    });
  });
  it("keeps a malformed IP as a named error instead of dropping it", () => {
    const f = auditFilterSchema.parse({ ip: "10.0.0.300/8" });
    expect(f.cidr).toBeUndefined();
    expect(f.ipText).toBe("10.0.0.300/8");
    expect(f.ipError).toBe("invalid_cidr");
  });
  it("parses a full filter", () => {
    const f = auditFilterSchema.parse({
      from: "2025-04-01",
      to: "2025-04-30",
      actor: "ＳＡＴＯ",
      action: "auth.*",
      outcome: "failure",
      ip: "2001:db8::/32",
      country: "jp",
      pageSize: "100",
    });
    expect(f).toMatchObject({
      actor: "SATO",
      action: "auth.",
      actionPrefix: true,
      outcome: "failure",
      cidr: "2001:db8::/32",
      country: "JP",
      pageSize: 100,
    });
    expect(f.to!.getTime() - f.from!.getTime()).toBe(30 * 24 * 3600 * 1000);
  });
});
