// IP allowlist matching: the compiled matcher against a linear scan over ip-cidr objects, at 10, 1k and 10k entries.
// Runs alone with `npx tsx scripts/lib/bench-allowlist.ts`; scripts/bench.ts can call benchAllowlist(measure, record).
import { pathToFileURL } from "node:url";
import IPCIDR from "ip-cidr";
import { compileAllowlist, matchAllowlist, parseAllowlistCidr, type AllowlistEntry } from "@/lib/policy/ip-allowlist";
import { formatTable, measure, row, type BenchRow, type Sample } from "./bench-stats";

export type Measure = typeof measure;
export type Recorder = (scenario: string, size: string, sample: Sample, baseline?: { name: string; sample: Sample }) => void;

export const ALLOWLIST_MATCH = "allowlist-match";
export const ALLOWLIST_SCAN = "allowlist-ip-cidr-scan";
const SIZES = [10, 1_000, 10_000];
const LOOKUPS = 10_000; // one sample = this many lookups, for both scenarios
const SCAN_BUDGET = 300_000; // entries × lookups per baseline sample (ip-cidr: ~7 µs a contains()); beyond, fewer lookups, scaled
const sizeLabel = (n: number) => (n >= 1000 ? `${n / 1000}k` : String(n));

/** mulberry32: the same entries and addresses on every run. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const V4_FIRST_OCTETS = [1, 14, 27, 36, 42, 49, 58, 60, 61, 101, 106, 110, 111, 112, 113, 114, 118, 119, 120, 121, 122, 123, 124, 125, 126, 133, 150, 153, 157, 163, 175, 180, 182, 183, 202, 203, 210, 211, 218, 219, 220, 221, 222];
const V6_PREFIXES = [0x24004050n, 0x24004051n, 0x24004052n, 0x2001a7ffn, 0x240b0010n, 0x20010db8n]; // /32s
// Office egress lists: mostly single addresses and small blocks, some /24s, a few wide ranges.
const V4_PREFIXES = [32, 32, 32, 32, 30, 29, 29, 28, 27, 26, 24, 24, 24, 23, 22, 20, 16, 12];
const V6_LENGTHS = [48, 56, 56, 64, 64, 64, 128];

function generate(size: number, random: () => number) {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const bits = (n: number) => BigInt(Math.floor(random() * 2 ** n));
  const ranges: { v6: boolean; start: bigint; size: bigint }[] = [];
  const entries: AllowlistEntry[] = [];
  for (let i = 0; i < size; i++) {
    const v6 = random() < 0.2;
    const value = v6 ? (pick(V6_PREFIXES) << 96n) | (bits(32) << 64n) | (bits(32) << 32n) | bits(32) : (BigInt(pick(V4_FIRST_OCTETS)) << 24n) | bits(24);
    const prefix = v6 ? pick(V6_LENGTHS) : pick(V4_PREFIXES);
    const host = BigInt((v6 ? 128 : 32) - prefix);
    const parsed = parseAllowlistCidr(`${address(v6, (value >> host) << host)}/${prefix}`);
    if (!parsed.ok) throw new Error(`generated an invalid CIDR: ${parsed.reason}`);
    entries.push({ id: `entry-${i}`, cidr: parsed.cidr.text });
    ranges.push({ v6, start: parsed.cidr.network, size: 1n << host });
  }
  // Half the lookups fall inside an entry (a tenth of the IPv4 ones written IPv4-mapped), half are random addresses.
  const ips: string[] = [];
  for (let i = 0; i < LOOKUPS; i++) {
    if (random() < 0.5) {
      const r = pick(ranges);
      const text = address(r.v6, r.start + (((bits(32) << 96n) | (bits(32) << 64n) | (bits(32) << 32n) | bits(32)) % r.size));
      ips.push(!r.v6 && random() < 0.1 ? `::ffff:${text}` : text);
    } else {
      const v6 = random() < 0.2;
      ips.push(address(v6, v6 ? (pick(V6_PREFIXES) << 96n) | (bits(32) << 64n) | bits(32) : (BigInt(pick(V4_FIRST_OCTETS)) << 24n) | bits(24)));
    }
  }
  return { entries, ips };
}

function address(v6: boolean, n: bigint): string {
  if (!v6) return [24, 16, 8, 0].map((s) => Number((n >> BigInt(s)) & 255n)).join(".");
  const full = Array.from({ length: 8 }, (_, i) => ((n >> BigInt(112 - 16 * i)) & 0xffffn).toString(16)).join(":");
  const parsed = parseAllowlistCidr(full);
  return parsed.ok && parsed.cidr.version === 6 ? parsed.cidr.text.slice(0, -4) : full; // compressed, without "/128"
}

export async function benchAllowlist(measureFn: Measure = measure, record?: Recorder): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const report = (scenario: string, size: string, sample: Sample, baseline?: { name: string; sample: Sample }) => {
    rows.push(row(scenario, size, sample, baseline));
    record?.(scenario, size, sample, baseline);
  };
  const now = new Date();
  for (const size of SIZES) {
    const { entries, ips } = generate(size, prng(size));
    const compiled = compileAllowlist(entries);
    const scan = entries.map((e) => new IPCIDR(e.cidr));
    let sink = 0;

    // A full baseline sample at 10k entries would take minutes: it times the first `count` lookups, scaled to LOOKUPS.
    const count = Math.min(LOOKUPS, Math.max(50, Math.floor(SCAN_BUDGET / size)));
    const scale = LOOKUPS / count;
    const scanAllowed = (ip: string) => scan.some((c) => c.contains(ip));
    const mismatches = ips.slice(0, count).filter((ip) => scanAllowed(ip) !== matchAllowlist(compiled, ip, now).allowed);
    if (mismatches.length > 0) throw new Error(`${ALLOWLIST_MATCH} disagrees with ip-cidr at ${size} entries on ${mismatches.slice(0, 5).join(", ")}`);
    const scanSample = await measureFn(
      async () => {
        for (let i = 0; i < count; i++) if (scanAllowed(ips[i]!)) sink++;
      },
      { warmup: 1, iterations: 10 },
    );
    const scaled: Sample = { ...scanSample, median: scanSample.median * scale, p95: scanSample.p95 * scale };

    const matchSample = await measureFn(
      async () => {
        for (let i = 0; i < LOOKUPS; i++) if (matchAllowlist(compiled, ips[i]!, now).allowed) sink++;
      },
      { warmup: 20, iterations: 100, budgetMs: 10_000 },
    );
    report(ALLOWLIST_SCAN, sizeLabel(size), scaled);
    report(ALLOWLIST_MATCH, sizeLabel(size), matchSample, { name: ALLOWLIST_SCAN, sample: scaled });
    if (sink < 0) throw new Error("unreachable: keeps the loops' results alive");
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = await benchAllowlist();
  process.stdout.write(`${formatTable(rows)}\n\nOne sample = ${LOOKUPS} lookups (${ALLOWLIST_SCAN} at 1k/10k entries: fewer lookups, scaled).\n`);
}
