// IP allowlist: strict validation of admin-entered CIDRs, and a compiled matcher (binary search, no scan over entries).
import type { Cidr } from "./cidr";

export type AllowlistRejection = "malformed" | "non_canonical" | "host_bits" | "too_wide";
export type AllowlistCidrResult = { ok: true; cidr: Cidr } | { ok: false; reason: AllowlistRejection; suggestion?: string };
export type AllowlistEntry = { id: string; cidr: string; validFrom?: Date | null; validUntil?: Date | null };

/** Strict dotted quad ("0"–"255", no leading zeros) as an unsigned number, -1 otherwise; allocation-free for lookups. */
function parseV4(s: string): number {
  let value = 0, part = 0, digits = 0, dots = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return -1;
      value = value * 256 + part;
      part = digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && part === 0) return -1; // a leading zero: "01" is octal to inet_aton
      part = part * 10 + c - 48;
      if (part > 255) return -1;
      digits++;
    } else return -1;
  }
  return digits === 0 || dots !== 3 ? -1 : value * 256 + part;
}

/** Would BSD inet_aton (ping, curl, some proxies) read this as an address? Then it is an address in the wrong form. */
function inetAtonReads(s: string): boolean {
  const parts = s.split(".");
  if (parts.length > 4) return false;
  const values = parts.map((p) =>
    /^0x[0-9a-f]+$/i.test(p) ? parseInt(p.slice(2), 16) : /^0[0-7]*$/.test(p) ? parseInt(p, 8) : /^[1-9]\d*$/.test(p) ? Number(p) : NaN,
  );
  return values.every((v, i) => v < (i === values.length - 1 ? 256 ** (5 - values.length) : 256));
}

/** RFC 4291 text (compressed or not, any case, optional dotted-quad tail) as a 128-bit value; null otherwise. */
function parseV6(s: string): bigint | null {
  const groups: number[] = [];
  let gap = -1, group = 0, digits = 0, tail = false; // gap: where "::" stands in groups
  for (let i = 0; i < s.length && !tail; i++) {
    const c = s.charCodeAt(i);
    const hex = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
    if (hex >= 0) {
      if (++digits > 4) return null;
      group = group * 16 + hex;
    } else if (c === 58 && digits > 0) {
      groups.push(group);
      group = digits = 0;
    } else if (c === 58 && i > 0 && s.charCodeAt(i - 1) === 58) {
      if (gap >= 0) return null; // a second "::", or ":::"
      gap = groups.length;
    } else if (c === 58 && i === 0 && s.charCodeAt(1) === 58) continue; // the first half of a leading "::"
    else if (c === 46 && digits > 0) {
      const v4 = parseV4(s.slice(i - digits)); // the group being read was the first octet
      if (v4 < 0) return null;
      groups.push(Math.floor(v4 / 65536), v4 % 65536);
      tail = true;
    } else return null;
  }
  if (!tail && digits > 0) groups.push(group);
  else if (!tail && !(gap === groups.length && s.endsWith("::"))) return null; // a trailing single ":" or ""
  const missing = 8 - groups.length;
  if (gap < 0 ? missing !== 0 : missing < 1) return null;
  if (gap >= 0) groups.splice(gap, 0, ...Array<number>(missing).fill(0));
  let value = 0n;
  for (let k = 0; k < 8; k += 2) value = (value << 32n) | BigInt(groups[k]! * 65536 + groups[k + 1]!);
  return value;
}

const formatV4 = (n: number) => [24, 16, 8, 0].map((shift) => (n >>> shift) & 255).join(".");

/** RFC 5952: lower case, no leading zeros, the longest (first on a tie) run of two or more zero groups as "::". */
function formatV6(value: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = -1, bestLength = 1;
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) [best, bestLength] = [i, j - i];
  }
  const hex = (from: number, to: number) => groups.slice(from, to).map((g) => g.toString(16)).join(":");
  return best < 0 ? hex(0, 8) : `${hex(0, best)}::${hex(best + bestLength, 8)}`;
}

const MAPPED_PREFIX = 0xffffn; // ::ffff:0:0/96, IPv4-mapped IPv6
const MIN_PREFIX = { 4: 8, 6: 16 } as const;

/**
 * Strict parse of an admin-entered allowlist entry. NFKC first (full-width digits, "．" and "／" from Japanese IMEs are
 * accepted), outer whitespace trimmed, inner whitespace refused. IPv4-mapped IPv6 (::ffff:a.b.c.d/96+) becomes IPv4.
 */
export function parseAllowlistCidr(input: string): AllowlistCidrResult {
  const text = input.normalize("NFKC").trim();
  if (/\s/.test(text)) return { ok: false, reason: "non_canonical" };
  const slash = text.indexOf("/");
  const addr = slash < 0 ? text : text.slice(0, slash);
  const prefixText = slash < 0 ? null : text.slice(slash + 1);
  let version: 4 | 6, value: bigint;
  const v4 = parseV4(addr);
  if (v4 >= 0) [version, value] = [4, BigInt(v4)];
  else if (addr.includes(":")) {
    const v6 = parseV6(addr);
    if (v6 === null) return { ok: false, reason: "malformed" };
    [version, value] = [6, v6];
  } else return { ok: false, reason: inetAtonReads(addr) ? "non_canonical" : "malformed" };
  if (prefixText !== null && !/^\d{1,3}$/.test(prefixText)) return { ok: false, reason: "malformed" };
  if (prefixText !== null && /^0\d/.test(prefixText)) return { ok: false, reason: "non_canonical" }; // "/08"
  let prefix = prefixText === null ? (version === 4 ? 32 : 128) : Number(prefixText);
  if (prefix > (version === 4 ? 32 : 128)) return { ok: false, reason: "malformed" };
  if (version === 6 && prefix >= 96 && value >> 32n === MAPPED_PREFIX) [version, value, prefix] = [4, value & 0xffffffffn, prefix - 96];
  if (prefix < MIN_PREFIX[version]) return { ok: false, reason: "too_wide" };
  const hostBits = BigInt((version === 4 ? 32 : 128) - prefix);
  const network = (value >> hostBits) << hostBits;
  const format = (n: bigint) => `${version === 4 ? formatV4(Number(n)) : formatV6(n)}/${prefix}`;
  if (network !== value) return { ok: false, reason: "host_bits", suggestion: format(network) };
  return { ok: true, cidr: { version, network, prefix, text: format(network) } };
}

/** One distinct CIDR with every entry that names it; `parent` is the smallest other CIDR containing it (CIDRs nest). */
type Block = { version: 4 | 6; start: bigint; end: bigint; parent: number; ids: string[]; from: number[]; until: number[] };

/**
 * Per family, the sorted start points of elementary segments and, for each, the innermost block covering it (-1: none).
 * Any two CIDRs are nested or disjoint, so a segment's covering blocks are its innermost one and that block's parents:
 * at most 25 (IPv4 /8–/32) or 113 (IPv6 /16–/128) distinct ranges, however many entries overlap.
 */
export interface CompiledAllowlist {
  readonly v4: { readonly starts: Float64Array; readonly innermost: Int32Array };
  readonly v6: { readonly starts: readonly bigint[]; readonly innermost: Int32Array };
  readonly blocks: readonly Block[];
  /** Entries that no longer pass parseAllowlistCidr: skipped (they allow nothing), for the caller to log. */
  readonly rejected: readonly { id: string; reason: AllowlistRejection }[];
}

const compare = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);

function index(blocks: Block[], version: 4 | 6): { starts: bigint[]; innermost: Int32Array } {
  const members = blocks.flatMap((b, i) => (b.version === version ? [i] : []));
  const starts = [...new Set(members.flatMap((i) => [blocks[i]!.start, blocks[i]!.end + 1n]))].sort(compare);
  const innermost = new Int32Array(starts.length);
  const open: number[] = []; // the chain of blocks containing the current point, outermost first
  let next = 0;
  starts.forEach((point, s) => {
    while (open.length > 0 && blocks[open.at(-1)!]!.end < point) open.pop();
    for (; next < members.length && blocks[members[next]!]!.start === point; next++) {
      blocks[members[next]!]!.parent = open.at(-1) ?? -1;
      open.push(members[next]!);
    }
    innermost[s] = open.at(-1) ?? -1;
  });
  return { starts, innermost };
}

export function compileAllowlist(entries: readonly AllowlistEntry[]): CompiledAllowlist {
  const byText = new Map<string, Block>();
  const rejected: { id: string; reason: AllowlistRejection }[] = [];
  for (const entry of entries) {
    const parsed = parseAllowlistCidr(entry.cidr);
    if (!parsed.ok) {
      rejected.push({ id: entry.id, reason: parsed.reason });
      continue;
    }
    const { version, network, prefix, text } = parsed.cidr;
    let block = byText.get(text);
    if (!block) {
      const end = network + (1n << BigInt((version === 4 ? 32 : 128) - prefix)) - 1n;
      byText.set(text, (block = { version, start: network, end, parent: -1, ids: [], from: [], until: [] }));
    }
    // Absent bounds are open; an Invalid Date compares false both ways, so such an entry never matches (fails closed).
    block.ids.push(entry.id);
    block.from.push(entry.validFrom ? entry.validFrom.getTime() : -Infinity);
    block.until.push(entry.validUntil ? entry.validUntil.getTime() : Infinity);
  }
  // Start ascending, then widest first: a block is visited after every block that contains it.
  const blocks = [...byText.values()].sort((a, b) => compare(a.start, b.start) || compare(b.end, a.end));
  const v4 = index(blocks, 4);
  return { v4: { starts: Float64Array.from(v4.starts, Number), innermost: v4.innermost }, v6: index(blocks, 6), blocks, rejected };
}

/** Index of the last start <= x, -1 if none; one copy per key type keeps each call site monomorphic. */
function segmentV4(starts: Float64Array, x: number): number {
  let lo = 0, hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

function segmentV6(starts: readonly bigint[], x: bigint): number {
  let lo = 0, hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

const DENIED = Object.freeze({ allowed: false as const });

/**
 * Whether `ip` (as normalizeIp returns it) falls in an entry valid at `now` (validFrom <= now < validUntil, in ms).
 * The entry reported is the most specific matching one, then the first in input order. Unparseable addresses are denied.
 */
export function matchAllowlist(compiled: CompiledAllowlist, ip: string, now: Date): { allowed: boolean; entryId?: string } {
  let block = -1;
  let v4 = parseV4(ip);
  if (v4 < 0) {
    const v6 = ip.includes(":") ? parseV6(ip) : null;
    if (v6 === null) return DENIED;
    if (v6 >> 32n === MAPPED_PREFIX) v4 = Number(v6 & 0xffffffffn);
    else {
      const s = segmentV6(compiled.v6.starts, v6);
      if (s >= 0) block = compiled.v6.innermost[s]!;
    }
  }
  if (v4 >= 0) {
    const s = segmentV4(compiled.v4.starts, v4);
    if (s >= 0) block = compiled.v4.innermost[s]!;
  }
  const t = now.getTime();
  for (; block >= 0; block = compiled.blocks[block]!.parent) {
    const { ids, from, until } = compiled.blocks[block]!;
    for (let k = 0; k < ids.length; k++) if (from[k]! <= t && t < until[k]!) return { allowed: true, entryId: ids[k]! };
  }
  return DENIED;
}
