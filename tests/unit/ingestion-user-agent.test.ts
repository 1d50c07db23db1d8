import { describe, expect, it } from "vitest";
import { INGESTION_USER_AGENT_MAX, parseIngestionBatch } from "@/lib/schemas/ingestion";

// A long user agent is cut to INGESTION_USER_AGENT_MAX UTF-16 units; the cut must never leave half of an emoji, which
// PostgreSQL's jsonb refuses (the whole batch would fail, and the sender would retry it for ever).
describe("ingestion user agent", () => {
  const now = new Date("2026-11-27T03:00:00Z");
  const event = (userAgent: string) => ({ id: "ua-1", occurredAt: "2026-11-27T02:59:00Z", source: "mail", loginId: "sato@example.jp", outcome: "success", ip: "203.0.113.7", userAgent });

  it("cuts before an emoji that straddles the limit, and keeps one that fits", () => {
    const straddling = `${"a".repeat(INGESTION_USER_AGENT_MAX - 1)}😀tail`;
    const parsed = parseIngestionBatch({ events: [event(straddling)] }, now);
    expect(parsed.ok).toBe(true);
    const ua = parsed.ok ? parsed.events[0]!.userAgent! : "";
    expect(ua).toBe("a".repeat(INGESTION_USER_AGENT_MAX - 1));
    expect(ua.isWellFormed()).toBe(true);

    const fitting = `${"a".repeat(INGESTION_USER_AGENT_MAX - 2)}😀tail`;
    const kept = parseIngestionBatch({ events: [event(fitting)] }, now);
    expect(kept.ok && kept.events[0]!.userAgent).toBe(`${"a".repeat(INGESTION_USER_AGENT_MAX - 2)}😀`);
  });
});
