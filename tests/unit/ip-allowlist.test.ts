import { isIPv4 } from "node:net";
import fc from "fast-check";
import IPCIDR from "ip-cidr";
import { describe, expect, it } from "vitest";
import { compileAllowlist, matchAllowlist, parseAllowlistCidr, type AllowlistEntry } from "@/lib/policy/ip-allowlist";

const T = new Date("2025-04-01T00:00:00.000Z");
const at = (ms: number) => new Date(T.getTime() + ms);
const textOf = (input: string) => {
  const r = parseAllowlistCidr(input);
  return r.ok ? r.cidr.text : r.reason;
};
const allowed = (entries: AllowlistEntry[], ip: string, now = T) => matchAllowlist(compileAllowlist(entries), ip, now);

describe("parseAllowlistCidr", () => {
  it("accepts canonical IPv4 and a bare address as /32", () => {
    expect(textOf("203.0.113.0/24")).toBe("203.0.113.0/24");
    expect(textOf("203.0.113.7")).toBe("203.0.113.7/32");
    expect(textOf("10.0.0.0/8")).toBe("10.0.0.0/8");
    expect(textOf("  198.51.100.0/24\t")).toBe("198.51.100.0/24");
    const r = parseAllowlistCidr("192.0.2.0/24");
    expect(r.ok && r.cidr).toEqual({ version: 4, network: 0xc0000200n, prefix: 24, text: "192.0.2.0/24" });
  });
  it("accepts full-width input after NFKC", () => {
    expect(textOf("１９２．０．２．０／２４")).toBe("192.0.2.0/24");
    expect(textOf("　２００１：ＤＢ８：：／４８　")).toBe("2001:db8::/48");
  });
  it("normalizes IPv6 to RFC 5952", () => {
    expect(textOf("2001:db8::/48")).toBe("2001:db8::/48");
    expect(textOf("2001:0DB8:0000:0000:0000:0000:0000:0000/32")).toBe("2001:db8::/32");
    expect(textOf("2001:db8:0:0:1:0:0:1")).toBe("2001:db8::1:0:0:1/128");
    expect(textOf("2001:db8:0:1:1:1:1:1")).toBe("2001:db8:0:1:1:1:1:1/128");
    expect(textOf("2001:db8::1.2.3.4")).toBe("2001:db8::102:304/128");
    expect(textOf("2400:4050:a:b::/64")).toBe("2400:4050:a:b::/64");
  });
  it("turns IPv4-mapped IPv6 into IPv4", () => {
    expect(textOf("::ffff:1.2.3.4/128")).toBe("1.2.3.4/32");
    expect(textOf("::FFFF:203.0.113.0/120")).toBe("203.0.113.0/24");
    expect(textOf("::ffff:c000:200/120")).toBe("192.0.2.0/24");
    expect(textOf("::ffff:0:0/96")).toBe("too_wide");
  });
  it("refuses malformed input", () => {
    for (const bad of ["", "abc", "/24", "1.2.3.4/", "256.0.0.1", "1.2.3.4.5", "1.2.3.4/33", "1.2.3.4/-1", "1.2.3.4/+8", "1.2.3.4/2/3", "08.1.1.1", "2001:db8::/129", "2001:db8:::/48", "1::2::3", "2001:db8::12345", "fe80::1%eth0", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::8", "::ffff:01.2.3.4", "[2001:db8::]/48", "192。0。2。0"]) {
      expect(textOf(bad), bad).toBe("malformed");
    }
  });
  it("refuses addresses other parsers would read differently (inet_aton forms, padded prefixes, inner spaces)", () => {
    for (const bad of ["0127.0.0.1", "127.1", "1.2.3", "0x7f.0.0.1", "0X7F000001", "2130706433", "010.0.0.0/8", "10.0.0.0/08", "10.0.0.0/008", "1.2.3.4 /32", "1.2. 3.4", "2001:db8:: /48"]) {
      expect(textOf(bad), bad).toBe("non_canonical");
    }
  });
  it("refuses host bits and suggests the network", () => {
    expect(parseAllowlistCidr("203.0.113.1/24")).toEqual({ ok: false, reason: "host_bits", suggestion: "203.0.113.0/24" });
    expect(parseAllowlistCidr("2001:db8::1/48")).toEqual({ ok: false, reason: "host_bits", suggestion: "2001:db8::/48" });
    expect(parseAllowlistCidr("::ffff:203.0.113.9/120")).toEqual({ ok: false, reason: "host_bits", suggestion: "203.0.113.0/24" });
  });
  it("refuses ranges wider than /8 (IPv4) or /16 (IPv6)", () => {
    for (const bad of ["0.0.0.0/0", "10.0.0.0/7", "::/0", "2000::/3", "2001::/15"]) expect(textOf(bad), bad).toBe("too_wide");
    expect(textOf("2001::/16")).toBe("2001::/16");
    expect(textOf("10.1.0.0/7")).toBe("too_wide"); // too wide is reported before host bits
  });
  it("agrees with node:net on strings of digits and dots", () => {
    fc.assert(fc.property(fc.stringMatching(/^[0-9.]{0,16}$/), (s) => parseAllowlistCidr(s).ok === isIPv4(s)));
  });
  it("accepts every canonical address and calls inet_aton forms non-canonical", () => {
    fc.assert(fc.property(fc.ipV4(), (s) => textOf(s) === `${s}/32`));
    fc.assert(fc.property(fc.ipV4Extended(), (s) => (isIPv4(s) ? textOf(s) === `${s}/32` : textOf(s) === "non_canonical")));
  });
  it("formats IPv6 as the WHATWG URL serializer (RFC 5952) does, and is idempotent", () => {
    fc.assert(
      fc.property(fc.ipV6(), (s) => {
        const r = parseAllowlistCidr(s);
        if (!r.ok) return false;
        if (r.cidr.version === 4) return r.cidr.network >> 32n === 0n && /^::ffff:/i.test(new URL(`http://[${s}]/`).hostname.slice(1));
        return r.cidr.text === `${new URL(`http://[${s}]/`).hostname.slice(1, -1)}/128` && textOf(r.cidr.text) === r.cidr.text;
      }),
    );
  });
});

describe("matchAllowlist", () => {
  it("matches IPv4, IPv6 and nothing else", () => {
    const entries = [
      { id: "office", cidr: "203.0.113.0/24" },
      { id: "v6", cidr: "2001:db8:1::/48" },
    ];
    expect(allowed(entries, "203.0.113.255")).toEqual({ allowed: true, entryId: "office" });
    expect(allowed(entries, "203.0.114.0")).toEqual({ allowed: false });
    expect(allowed(entries, "2001:db8:1:ffff::1")).toEqual({ allowed: true, entryId: "v6" });
    expect(allowed(entries, "2001:DB8:0001::")).toEqual({ allowed: true, entryId: "v6" });
    expect(allowed(entries, "2001:db8:2::1")).toEqual({ allowed: false });
    for (const junk of ["", "office", "203.0.113.010", "203.0.113", "[2001:db8:1::1]", "2001:db8:1::1%eth0"]) expect(allowed(entries, junk).allowed, junk).toBe(false);
    expect(allowed([], "203.0.113.1")).toEqual({ allowed: false });
  });
  it("matches IPv4-mapped client addresses against IPv4 entries, in both text forms", () => {
    const entries = [{ id: "office", cidr: "203.0.113.0/24" }, { id: "mapped", cidr: "::ffff:198.51.100.7" }];
    expect(allowed(entries, "::ffff:203.0.113.5")).toEqual({ allowed: true, entryId: "office" });
    expect(allowed(entries, "::ffff:cb00:7105")).toEqual({ allowed: true, entryId: "office" });
    expect(allowed(entries, "198.51.100.7")).toEqual({ allowed: true, entryId: "mapped" });
    expect(allowed(entries, "::203.0.113.5").allowed).toBe(false); // IPv4-compatible, not mapped
  });
  it("honours validity windows to the millisecond: validFrom inclusive, validUntil exclusive", () => {
    const entries = [{ id: "w", cidr: "192.0.2.0/24", validFrom: at(0), validUntil: at(1000) }];
    expect(allowed(entries, "192.0.2.1", at(-1)).allowed).toBe(false);
    expect(allowed(entries, "192.0.2.1", at(0)).allowed).toBe(true);
    expect(allowed(entries, "192.0.2.1", at(999)).allowed).toBe(true);
    expect(allowed(entries, "192.0.2.1", at(1000)).allowed).toBe(false);
    expect(allowed([{ id: "open", cidr: "192.0.2.0/24", validFrom: null, validUntil: at(1) }], "192.0.2.1", at(0)).allowed).toBe(true);
    expect(allowed([{ id: "empty", cidr: "192.0.2.0/24", validFrom: at(5), validUntil: at(5) }], "192.0.2.1", at(5)).allowed).toBe(false);
    expect(allowed([{ id: "bad", cidr: "192.0.2.0/24", validUntil: new Date(NaN) }], "192.0.2.1").allowed).toBe(false);
  });
  it("handles overlapping entries with different windows, most specific first", () => {
    const entries: AllowlistEntry[] = [
      { id: "wide-later", cidr: "10.0.0.0/8", validFrom: at(100) },
      { id: "narrow-now", cidr: "10.1.2.0/24", validUntil: at(50) },
      { id: "narrow-dup", cidr: "10.1.2.0/24", validFrom: at(60), validUntil: at(80) },
      { id: "host", cidr: "10.1.2.3", validFrom: at(0), validUntil: at(10) },
    ];
    const c = compileAllowlist(entries);
    const probe = (ip: string, ms: number) => matchAllowlist(c, ip, at(ms)).entryId ?? null;
    expect(probe("10.1.2.3", 5)).toBe("host");
    expect(probe("10.1.2.3", 10)).toBe("narrow-now");
    expect(probe("10.1.2.3", 50)).toBe(null);
    expect(probe("10.1.2.3", 60)).toBe("narrow-dup");
    expect(probe("10.1.2.3", 80)).toBe(null);
    expect(probe("10.1.2.3", 100)).toBe("wide-later");
    expect(probe("10.1.3.0", 5)).toBe(null);
    expect(probe("10.1.3.0", 100)).toBe("wide-later");
  });
  it("skips entries that no longer validate, reporting them", () => {
    const c = compileAllowlist([{ id: "old", cidr: "10.0.0.1/8" }, { id: "ok", cidr: "10.0.0.1" }]);
    expect(c.rejected).toEqual([{ id: "old", reason: "host_bits" }]);
    expect(matchAllowlist(c, "10.0.0.2", T).allowed).toBe(false);
    expect(matchAllowlist(c, "10.0.0.1", T).entryId).toBe("ok");
  });
});

// Property tests against a linear scan with ip-cidr (which, left alone, matches across families: filtered here).
interface Gen {
  v6: boolean;
  value: bigint;
  prefix: number;
  from: number | null;
  until: number | null;
}
const bits = (g: Gen) => (g.v6 ? 128 : 32);
const network = (g: Gen) => (g.value >> BigInt(bits(g) - g.prefix)) << BigInt(bits(g) - g.prefix);
const v4Text = (n: bigint) => [24, 16, 8, 0].map((s) => Number((n >> BigInt(s)) & 255n)).join(".");
const v6Text = (n: bigint) => Array.from({ length: 8 }, (_, i) => ((n >> BigInt(112 - 16 * i)) & 0xffffn).toString(16).padStart(4, "0")).join(":");
const addressText = (v6: boolean, n: bigint) => (v6 ? v6Text(n) : v4Text(n));

// Values cluster under a few bases so that ranges nest and overlap.
const V4_BASES = [0x0a000000n, 0xc0a80000n, 0xcb007100n];
const V6_BASES = [0x20010db8n << 96n, 0x24004050n << 96n];
const near = (max: bigint) => fc.tuple(fc.constantFrom(...V4_BASES), fc.bigInt({ min: 0n, max })).map(([b, o]) => b + o);
const v4Value = fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 32n - 1n }), near(0xffffn), near(0xffn));
const v6Value = fc.tuple(fc.constantFrom(...V6_BASES), fc.bigInt({ min: 0n, max: 2n ** 96n - 1n }), fc.nat(3)).map(([b, o, k]) => b + (k === 0 ? o : o >> 64n));
const window = fc.option(fc.integer({ min: -5, max: 5 }), { nil: null });
const gen = (windows: boolean): fc.Arbitrary<Gen> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.record({ v6: fc.constant(false), value: v4Value, prefix: fc.oneof(fc.integer({ min: 8, max: 32 }), fc.integer({ min: 22, max: 32 })) }) },
    { weight: 1, arbitrary: fc.record({ v6: fc.constant(true), value: v6Value, prefix: fc.integer({ min: 16, max: 128 }) }) },
  ).chain((g) => (windows ? fc.record({ from: window, until: window }) : fc.constant({ from: null, until: null })).map((w) => ({ ...g, ...w })));

function checkAgainstScan(windows: boolean) {
  const probe = fc.record({ pick: fc.nat(), offset: fc.bigInt({ min: 0n, max: 2n ** 128n - 1n }), mapped: fc.boolean() });
  const random = fc.oneof(v4Value.map((n) => v4Text(n)), v4Value.map((n) => `::ffff:${v4Text(n)}`), v6Value.map((n) => v6Text(n)));
  fc.assert(
    fc.property(fc.array(fc.tuple(gen(windows), fc.option(fc.nat(), { freq: 3 })), { maxLength: 50 }), fc.array(probe, { maxLength: 20 }), fc.array(random, { maxLength: 10 }), fc.integer({ min: -6, max: 6 }), (drawn, probes, randoms, nowMs) => {
      // Some entries repeat an earlier entry's CIDR or nest with it (same address, another prefix), with their own window.
      const gens: Gen[] = [];
      for (const [g, copy] of drawn) {
        const src = copy === null ? undefined : gens[copy % gens.length];
        gens.push(!src ? g : { ...src, prefix: copy! % 2 && src.v6 === g.v6 ? g.prefix : src.prefix, from: g.from, until: g.until });
      }
      const entries = gens.map((g, i) => ({
        id: `e${i}`,
        cidr: `${addressText(g.v6, network(g))}/${g.prefix}`,
        validFrom: g.from === null ? null : at(g.from),
        validUntil: g.until === null ? null : at(g.until),
      }));
      const scan = entries.map((e, i) => ({ id: e.id, v6: gens[i]!.v6, prefix: gens[i]!.prefix, range: new IPCIDR(e.cidr), from: gens[i]!.from, until: gens[i]!.until }));
      // Addresses inside the entries (some in mapped form) exercise "allowed", random ones mostly "denied".
      const inside = gens.length === 0 ? [] : probes.map(({ pick, offset, mapped }) => {
        const g = gens[pick % gens.length]!;
        const text = addressText(g.v6, network(g) + (offset % (1n << BigInt(bits(g) - g.prefix))));
        return !g.v6 && mapped ? `::ffff:${text}` : text;
      });
      const compiled = compileAllowlist(entries);
      expect(compiled.rejected).toEqual([]);
      for (const ip of [...inside, ...randoms]) {
        const plain = ip.startsWith("::ffff:") ? ip.slice(7) : ip;
        const hits = scan.filter((s) => s.v6 === plain.includes(":") && s.range.contains(plain) && (s.from === null || s.from <= nowMs) && (s.until === null || nowMs < s.until));
        const got = matchAllowlist(compiled, ip, at(nowMs));
        expect(got.allowed, ip).toBe(hits.length > 0);
        if (got.allowed) {
          const hit = hits.find((h) => h.id === got.entryId);
          expect(hit?.prefix, ip).toBe(Math.max(...hits.map((h) => h.prefix)));
        }
      }
    }),
    { numRuns: 200 },
  );
}

describe("matchAllowlist against a linear ip-cidr scan", () => {
  it("agrees on random entry sets", () => checkAgainstScan(false));
  it("agrees on random entry sets with validity windows", () => checkAgainstScan(true));
});
