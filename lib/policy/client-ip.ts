// Resolving the client's address: the socket's, unless it is a trusted proxy, then X-Forwarded-For from the right.
import { isIP } from "node:net";
import { cidrContains, parseCidr, type Cidr } from "./cidr";

export function normalizeIp(raw: string): string | null {
  let ip = raw.trim();
  if (ip.startsWith("[") && ip.includes("]")) ip = ip.slice(1, ip.indexOf("]"));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) ip = mapped[1]!;
  const zone = ip.indexOf("%");
  if (zone >= 0) ip = ip.slice(0, zone);
  return isIP(ip) ? ip.toLowerCase() : null;
}

export function parseTrustedProxies(spec: string): Cidr[] {
  return spec
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const cidr = parseCidr(s);
      if (!cidr) throw new Error(`TRUSTED_PROXIES: "${s}" is not an IP address or CIDR`);
      return cidr;
    });
}

/** Walks X-Forwarded-For from the right while each hop is a trusted proxy; the first untrusted hop is the client. */
export function resolveClientIp(socketIp: string | null, forwardedFor: string | null, trusted: Cidr[]): string | null {
  let current = socketIp ? normalizeIp(socketIp) : null;
  if (!current || !forwardedFor || trusted.length === 0) return current;
  const hops = forwardedFor.split(",").map((h) => normalizeIp(h)).reverse();
  for (const hop of hops) {
    if (!trusted.some((t) => cidrContains(t, current!))) break;
    if (!hop) break;
    current = hop;
  }
  return current;
}
