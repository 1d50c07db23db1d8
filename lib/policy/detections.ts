// Detection rules on sign-in events: their kinds, default settings, the settings' schemas and each rule's decision.
// Pure: the server gathers the figures (counts in a window, the previous sign-in, travel notices) and asks here.
import { z } from "zod";
import { offHoursReason, localParts, type OffHoursReason, type OrgCalendar } from "./org-calendar";

export const DETECTION_KINDS = ["repeated_failures", "password_spray", "failure_spike", "off_hours_sign_in", "foreign_sign_in", "impossible_travel"] as const;
export type DetectionKind = (typeof DETECTION_KINDS)[number];
/** Alerts a person raises rather than a rule (a member reports a sign-in that was not theirs): no settings, always on. */
export const REPORTED_ALERT_KINDS = ["sign_in_reported"] as const;
export type AlertKind = DetectionKind | (typeof REPORTED_ALERT_KINDS)[number];

export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Whole numbers typed in a form ("１０", " 10 ") or sent as numbers. */
const whole = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v.normalize("NFKC").trim() === "" ? undefined : Number(v.normalize("NFKC").trim())) : v),
    z.number({ error: (i) => (i.input === undefined ? "required" : "not_a_number") }).int("not_a_number").min(min, "out_of_range").max(max, "out_of_range"),
  );
const flag = z.preprocess((v) => (v === "true" || v === "on" ? true : v === "false" ? false : v), z.boolean({ error: "invalid_choice" }));

/** Alerts of one kind and subject within this many hours are one alert (its count grows). */
const dedupeHours = whole(1, 168);

export const DETECTION_PARAM_SCHEMAS = {
  repeated_failures: z.object({ failures: whole(2, 100), windowMinutes: whole(1, 1440), dedupeHours }),
  password_spray: z.object({ accounts: whole(2, 1000), windowMinutes: whole(1, 1440), dedupeHours }),
  failure_spike: z.object({ windowMinutes: whole(10, 1440), minimum: whole(1, 100_000), factor: z.preprocess((v) => (typeof v === "string" ? Number(v.normalize("NFKC").trim() || NaN) : v), z.number({ error: "not_a_number" }).min(1, "out_of_range").max(100, "out_of_range")), dedupeHours }),
  off_hours_sign_in: z.object({ dedupeHours }),
  foreign_sign_in: z.object({ includeFailures: flag, dedupeHours }),
  impossible_travel: z.object({ speedKmh: whole(100, 20_000), dedupeHours }),
} as const satisfies Record<DetectionKind, z.ZodType>;

export type DetectionParams = { [K in DetectionKind]: z.infer<(typeof DETECTION_PARAM_SCHEMAS)[K]> };

export const DEFAULT_PARAMS: DetectionParams = {
  repeated_failures: { failures: 5, windowMinutes: 10, dedupeHours: 24 },
  password_spray: { accounts: 10, windowMinutes: 15, dedupeHours: 24 },
  failure_spike: { windowMinutes: 60, minimum: 20, factor: 3, dedupeHours: 24 },
  off_hours_sign_in: { dedupeHours: 24 },
  foreign_sign_in: { includeFailures: false, dedupeHours: 24 },
  impossible_travel: { speedKmh: 900, dedupeHours: 24 },
};

export const DEFAULT_SEVERITY: Record<DetectionKind, Severity> = {
  repeated_failures: "medium",
  password_spray: "high",
  failure_spike: "high",
  off_hours_sign_in: "low",
  foreign_sign_in: "medium",
  impossible_travel: "high",
};

export const SUBJECT_TYPE: Record<DetectionKind, "account" | "ip" | "organization"> = {
  repeated_failures: "account",
  password_spray: "ip",
  failure_spike: "organization",
  off_hours_sign_in: "account",
  foreign_sign_in: "account",
  impossible_travel: "account",
};

export interface RuleSetting<K extends DetectionKind = DetectionKind> {
  kind: K;
  enabled: boolean;
  severity: Severity;
  params: DetectionParams[K];
}
export type RuleSettings = { [K in DetectionKind]: RuleSetting<K> };

/** A stored row (or none) as the rule in force: stored params over the defaults; unreadable params fall back to them. */
export function ruleSettingOf<K extends DetectionKind>(kind: K, row?: { enabled: boolean; severity: string; params: unknown } | null): RuleSetting<K> {
  const defaults = DEFAULT_PARAMS[kind];
  if (!row) return { kind, enabled: true, severity: DEFAULT_SEVERITY[kind], params: defaults };
  const stored = row.params && typeof row.params === "object" ? row.params : {};
  const parsed = DETECTION_PARAM_SCHEMAS[kind].safeParse({ ...defaults, ...stored });
  const severity = (SEVERITIES as readonly string[]).includes(row.severity) ? (row.severity as Severity) : DEFAULT_SEVERITY[kind];
  return { kind, enabled: row.enabled, severity, params: (parsed.success ? parsed.data : defaults) as DetectionParams[K] };
}

export function ruleSettingsOf(rows: { kind: string; enabled: boolean; severity: string; params: unknown }[]): RuleSettings {
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  return Object.fromEntries(DETECTION_KINDS.map((k) => [k, ruleSettingOf(k, byKind.get(k))])) as RuleSettings;
}

// ------------------------------------------------------------------------------------------------- decisions

/** repeated_failures fires one failure before the lockout would: min(setting, lockout threshold − 1), never below 2. */
export function effectiveFailureThreshold(failures: number, lockoutThreshold: number): number {
  return Math.max(2, Math.min(failures, lockoutThreshold - 1));
}

export function repeatedFailuresFires(failuresInWindow: number, params: DetectionParams["repeated_failures"], lockoutThreshold: number): boolean {
  return failuresInWindow >= effectiveFailureThreshold(params.failures, lockoutThreshold);
}

export function passwordSprayFires(distinctAccounts: number, params: DetectionParams["password_spray"]): boolean {
  return distinctAccounts >= params.accounts;
}

/** The failure count a window must reach: max(minimum, factor × baseline mean), rounded up. */
export function spikeThreshold(baselineMean: number, params: DetectionParams["failure_spike"]): number {
  return Math.max(params.minimum, Math.ceil(params.factor * baselineMean - 1e-9));
}

export function failureSpikeFires(current: number, baselineMean: number, params: DetectionParams["failure_spike"]): boolean {
  return current >= spikeThreshold(baselineMean, params);
}

export interface OffHoursValues {
  [key: string]: string | number;
  reasonKind: OffHoursReason["kind"];
  /** Holiday name or closed-day label; "" otherwise. */
  label: string;
  weekday: number;
  hour: number;
  localTime: string;
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** Why a successful sign-in at `at` is off-hours, as message values; null within business hours. */
export function offHoursValues(at: Date, calendar: OrgCalendar): OffHoursValues | null {
  const reason = offHoursReason(at, calendar);
  if (!reason) return null;
  const p = localParts(at, calendar.timeZone);
  return {
    reasonKind: reason.kind,
    label: reason.kind === "holiday" ? reason.name : reason.kind === "closed_day" ? reason.label : "",
    weekday: p.weekday,
    hour: p.hour,
    localTime: `${p.year}/${pad2(p.month)}/${pad2(p.day)} ${pad2(p.hour)}:${pad2(p.minute)}`,
  };
}

/** Japanese words for an off-hours reason, as the examples in mail: 祝日（勤労感謝の日）, 年末年始, 土曜日, 22時台. */
export function offHoursReasonJa(v: Pick<OffHoursValues, "reasonKind" | "label" | "weekday" | "hour">): string {
  switch (v.reasonKind) {
    case "holiday":
      return `祝日（${v.label}）`;
    case "closed_day":
      return v.label;
    case "weekend":
      return `${"日月火水木金土"[v.weekday] ?? ""}曜日`;
    case "outside_hours":
      return `${v.hour}時台`;
  }
}

export interface TravelNoticeWindow {
  countries: string[];
  startsAt: Date;
  endsAt: Date;
  revokedAt: Date | null;
}

/** A notice covers a sign-in when it is not revoked, names the country and spans the instant (ends inclusive). */
export function travelNoticeCovers(notice: TravelNoticeWindow, country: string, at: Date): boolean {
  if (notice.revokedAt && notice.revokedAt.getTime() <= at.getTime()) return false;
  return notice.countries.includes(country) && notice.startsAt.getTime() <= at.getTime() && at.getTime() <= notice.endsAt.getTime();
}

/** A sign-in from a country outside the allowed ones, not covered by a travel notice of that account. */
export function foreignSignInFires(
  e: { outcome: "success" | "failure"; country: string | null; occurredAt: Date },
  allowedCountries: string[],
  notices: TravelNoticeWindow[],
  params: DetectionParams["foreign_sign_in"],
): boolean {
  if (!e.country) return false;
  if (e.outcome === "failure" && !params.includeFailures) return false;
  if (allowedCountries.includes(e.country)) return false;
  return !notices.some((n) => travelNoticeCovers(n, e.country!, e.occurredAt));
}

// Country-level centroids (approximate, degrees): enough to tell Tokyo from Seoul or New York, not a city from a city.
export const COUNTRY_CENTROIDS: Readonly<Record<string, readonly [lat: number, lon: number]>> = {
  JP: [36.2, 138.25], KR: [35.91, 127.77], CN: [35.86, 104.2], TW: [23.7, 120.96], HK: [22.32, 114.17], MO: [22.2, 113.54],
  SG: [1.35, 103.82], TH: [15.87, 100.99], VN: [14.06, 108.28], PH: [12.88, 121.77], MY: [4.21, 101.98], ID: [-0.79, 113.92],
  IN: [20.59, 78.96], AU: [-25.27, 133.78], NZ: [-40.9, 174.89], US: [37.09, -95.71], CA: [56.13, -106.35], MX: [23.63, -102.55],
  BR: [-14.24, -51.93], GB: [55.38, -3.44], IE: [53.41, -8.24], FR: [46.23, 2.21], DE: [51.17, 10.45], NL: [52.13, 5.29],
  BE: [50.5, 4.47], ES: [40.46, -3.75], IT: [41.87, 12.57], CH: [46.82, 8.23], SE: [60.13, 18.64], FI: [61.92, 25.75],
  NO: [60.47, 8.47], DK: [56.26, 9.5], PL: [51.92, 19.15], RU: [61.52, 105.32], UA: [48.38, 31.17], TR: [38.96, 35.24],
  AE: [23.42, 53.85], SA: [23.89, 45.08], IL: [31.05, 34.85], ZA: [-30.56, 22.94], NG: [9.08, 8.68], EG: [26.82, 30.8],
  KP: [40.34, 127.51], MN: [46.86, 103.85], KH: [12.57, 104.99], MM: [21.91, 95.96], BD: [23.68, 90.36], PK: [30.38, 69.35],
};

/** Great-circle distance between two countries' centroids in km, or null when either is not in the table. */
export function countryDistanceKm(from: string, to: string): number | null {
  const a = COUNTRY_CENTROIDS[from];
  const b = COUNTRY_CENTROIDS[to];
  if (!a || !b) return null;
  const rad = Math.PI / 180;
  const dLat = (b[0] - a[0]) * rad;
  const dLon = (b[1] - a[1]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface TravelFinding {
  [key: string]: string | number;
  fromCountry: string;
  toCountry: string;
  distanceKm: number;
  minutes: number;
  speedKmh: number;
  threshold: number;
}

/**
 * Two successive successful sign-ins of one account: impossible when their countries differ and covering the
 * distance between the countries' centroids in the time between would need more than the threshold speed.
 * Unknown countries (or countries not in the table) decide nothing.
 */
export function impossibleTravel(
  previous: { country: string | null; occurredAt: Date },
  current: { country: string | null; occurredAt: Date },
  params: DetectionParams["impossible_travel"],
): TravelFinding | null {
  if (!previous.country || !current.country || previous.country === current.country) return null;
  const km = countryDistanceKm(previous.country, current.country);
  if (km === null) return null;
  const ms = Math.max(0, current.occurredAt.getTime() - previous.occurredAt.getTime());
  const speed = ms === 0 ? Number.POSITIVE_INFINITY : km / (ms / 3_600_000);
  if (!(speed > params.speedKmh)) return null;
  return {
    fromCountry: previous.country,
    toCountry: current.country,
    distanceKm: Math.round(km),
    minutes: Math.round(ms / 60_000),
    speedKmh: Number.isFinite(speed) ? Math.round(speed) : 999_999,
    threshold: params.speedKmh,
  };
}

// ------------------------------------------------------------------------------------------------- alerts

/** Severity order, for "notify again when severity rises". */
export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

export const EVIDENCE_CAP = 100;

/** Evidence kept on an alert: the newest `cap` event ids, without repeats, oldest first. */
export function appendEvidence(existing: readonly bigint[], added: readonly bigint[], cap = EVIDENCE_CAP): bigint[] {
  const seen = new Set<bigint>();
  const out: bigint[] = [];
  for (const id of [...existing, ...added]) {
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
  }
  return out.slice(-cap);
}

/** Whether a new finding at `at` belongs to an existing open/acknowledged alert last seen at `lastSeenAt`. */
export function withinDedupeWindow(lastSeenAt: Date, at: Date, dedupeHours: number): boolean {
  return Math.abs(at.getTime() - lastSeenAt.getTime()) <= dedupeHours * 3_600_000;
}

/** Webhook URLs: https, or http to this machine outside production. */
export function webhookUrlAllowed(url: string, production: boolean): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.username || u.password) return false;
  if (u.protocol === "https:") return true;
  return !production && u.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(u.hostname);
}
