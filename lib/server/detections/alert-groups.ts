import "server-only";
import { appendEvidence, withinDedupeWindow, type DetectionKind } from "@/lib/policy/detections";
import type { Hit } from "./find-hits";

/** Hits of one kind and subject that make one alert: consecutive, each within the dedupe window of the one before. */
export interface HitGroup {
  kind: DetectionKind;
  subjectType: Hit["subjectType"];
  subjectKey: string;
  subjectLabel: string | null;
  firstAt: Date;
  lastAt: Date;
  count: number;
  evidence: bigint[];
  /** The newest hit's figures: what the alert explains. */
  values: Hit["values"];
}

/** Groups time-ordered hits per (kind, subject), starting a new group when a hit falls outside the window. */
export function groupHits(hits: Hit[], dedupeHours: (kind: DetectionKind) => number): HitGroup[] {
  const open = new Map<string, HitGroup>();
  const groups: HitGroup[] = [];
  for (const h of hits) {
    const key = `${h.kind}\u0000${h.subjectKey}`;
    const g = open.get(key);
    if (g && withinDedupeWindow(g.lastAt, h.at, dedupeHours(h.kind))) {
      g.lastAt = h.at > g.lastAt ? h.at : g.lastAt;
      g.count++;
      g.evidence = appendEvidence(g.evidence, h.eventIds);
      g.values = h.values;
      if (h.subjectLabel) g.subjectLabel = h.subjectLabel;
      continue;
    }
    const fresh: HitGroup = {
      kind: h.kind,
      subjectType: h.subjectType,
      subjectKey: h.subjectKey,
      subjectLabel: h.subjectLabel,
      firstAt: h.at,
      lastAt: h.at,
      count: 1,
      evidence: appendEvidence([], h.eventIds),
      values: h.values,
    };
    open.set(key, fresh);
    groups.push(fresh);
  }
  return groups;
}
