// IPv4/IPv6 CIDR parsing and matching on BigInt, without I/O.
import { isIPv4, isIPv6 } from "node:net";

export interface Cidr {
  version: 4 | 6;
  network: bigint;
  prefix: number;
  text: string;
}

function v4ToBig(ip: string): bigint {
  return ip.split(".").reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function v6ToBig(ip: string): bigint {
  let text = ip;
  const v4tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4tail) {
    const n = v4ToBig(v4tail[1]!);
    text = text.slice(0, -v4tail[1]!.length) + `${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const h = head ? head.split(":") : [];
  const t = tail !== undefined && tail ? tail.split(":") : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill("0"), ...t];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g || "0", 16)), 0n);
}

export function ipToBigInt(ip: string): { version: 4 | 6; value: bigint } | null {
  if (isIPv4(ip)) return { version: 4, value: v4ToBig(ip) };
  if (isIPv6(ip)) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
    if (mapped) return { version: 4, value: v4ToBig(mapped[1]!) };
    return { version: 6, value: v6ToBig(ip) };
  }
  return null;
}

/** Parses "203.0.113.0/24", "2001:db8::/32" or a bare address; null when malformed or host bits are set. */
export function parseCidr(input: string): Cidr | null {
  const text = input.normalize("NFKC").trim();
  const [addr, prefixText, extra] = text.split("/");
  if (!addr || extra !== undefined) return null;
  const ip = ipToBigInt(addr);
  if (!ip) return null;
  const bits = ip.version === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (prefix > bits) return null;
  const mask = prefix === 0 ? 0n : ((1n << BigInt(prefix)) - 1n) << BigInt(bits - prefix);
  if ((ip.value & ~mask & ((1n << BigInt(bits)) - 1n)) !== 0n) return null;
  return { version: ip.version, network: ip.value, prefix, text: `${addr.toLowerCase()}/${prefix}` };
}

export function cidrContains(cidr: Cidr, ip: string): boolean {
  const parsed = ipToBigInt(ip);
  if (!parsed || parsed.version !== cidr.version) return false;
  const bits = cidr.version === 4 ? 32 : 128;
  return parsed.value >> BigInt(bits - cidr.prefix) === cidr.network >> BigInt(bits - cidr.prefix);
}
