import "server-only";
import path from "node:path";
import maxmind, { type CountryResponse, type Reader } from "maxmind";

// This database answers { country_code }, not the GeoLite2 shape.
type CountryRecord = CountryResponse & { country_code?: string };

// Offline country lookup (geo-whois-asn-country, CC0): no network call, opened once per process.
const DB_FILE = path.join(process.cwd(), "node_modules", "@ip-location-db", "geo-whois-asn-country-mmdb", "geo-whois-asn-country.mmdb");

let reader: Promise<Reader<CountryRecord> | null> | undefined;

/** ISO country code of a public address, or null (private, reserved, unknown, or no database). */
export async function countryOf(ip: string | null): Promise<string | null> {
  if (!ip) return null;
  reader ??= maxmind.open<CountryRecord>(/*turbopackIgnore: true*/ DB_FILE).catch(() => null);
  const db = await reader;
  try {
    const code = db?.get(ip)?.country_code;
    return code && /^[A-Z]{2}$/.test(code) ? code : null;
  } catch {
    return null;
  }
}
