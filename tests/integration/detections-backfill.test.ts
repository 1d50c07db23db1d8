import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite, type Database } from "@/lib/server/db";
import { DEMO_CUSTOMER_NUMBER, seedDemo } from "@/prisma/seed";

// The demo's bulk-loaded sign-ins come with the alerts they would have raised (lib/server/detections/backfill.ts).
const now = new Date("2026-11-26T03:00:00Z"); // Thursday 12:00 JST; 2026-11-23 (勤労感謝の日) is in the window

describe("demo alerts from the seeded sign-ins", { timeout: 300_000 }, () => {
  let database: Database;
  let alerts: { kind: string; status: string; subjectLabel: string | null; count: number; values: Record<string, unknown> }[];

  beforeAll(async () => {
    database = await openPglite("memory://");
    await seedDemo(database.prisma, { now, scale: 0.4 });
    const org = await database.prisma.organization.findUniqueOrThrow({ where: { customerNumber: DEMO_CUSTOMER_NUMBER }, select: { id: true } });
    const rows = await database.prisma.alert.findMany({ where: { organizationId: org.id }, select: { kind: true, status: true, subjectLabel: true, count: true, explanation: true } });
    alerts = rows.map((r) => ({ ...r, values: (r.explanation as { values: Record<string, unknown> }).values }));
  }, 300_000);
  afterAll(() => database?.close());

  it("has an off-hours alert for a holiday sign-in and one for a weekday night", () => {
    const offHours = alerts.filter((a) => a.kind === "off_hours_sign_in");
    expect(offHours.some((a) => a.values.reasonKind === "holiday")).toBe(true);
    expect(offHours.some((a) => a.values.reasonKind === "outside_hours" && Number(a.values.hour) >= 20)).toBe(true);
  });

  it("reports the unannounced trips and the stolen password abroad, not the trip filed as a travel notice", () => {
    const countries = new Set(alerts.filter((a) => a.kind === "foreign_sign_in").map((a) => a.values.country));
    expect(countries.has("CN")).toBe(true);
    expect(countries.has("US")).toBe(true);
    expect(countries.has("SG")).toBe(false);
    expect(alerts.some((a) => a.kind === "impossible_travel" && a.values.fromCountry === "JP" && a.values.toCountry === "CN")).toBe(true);
  });

  it("has the password spray on its address and repeated failures before a lockout", () => {
    expect(alerts.filter((a) => a.kind === "password_spray").map((a) => a.subjectLabel)).toContain("198.51.100.213");
    expect(alerts.some((a) => a.kind === "repeated_failures" && a.status === "open")).toBe(true);
  });

  it("keeps history resolved and recent alerts open", () => {
    expect(alerts.some((a) => a.status === "resolved")).toBe(true);
    expect(alerts.some((a) => a.status === "open")).toBe(true);
  });
});
