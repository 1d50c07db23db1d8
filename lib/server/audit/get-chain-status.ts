import "server-only";
import { authorize } from "../authorize";
import { db } from "../db";
import { readChainCheck } from "./chain-checks";
import { verifyChain, type BrokenEvent, type VerifiedPoint } from "./verify-chain";

// The /audit badge verifies on page load, so it must stay cheap: it goes on from the recorded verified point of the
// chain (chain-checks.ts: a whole walk daily and in `npm run audit:verify`, moved on every few minutes by the sweeper)
// and checks only the events chained since, reusing a result for a few seconds (and showing one of the last minute
// at once while the next is computed). The whole walk is what finds a change to an old event; the badge names
// the time of the last one. An organization with no recorded walk yet is walked once in this process, in the
// background: the page waits briefly, then shows the last result, or "verifying" when there is none yet.
const REUSE_MS = 5_000;
/** A result younger than this is shown at once while a fresh one is computed; an older one is waited for (briefly). */
const STALE_MS = 60_000;
const WAIT_MS = 2_000;

export interface ChainStatus {
  state: "ok" | "broken" | "verifying";
  checked: number;
  firstBroken: BrokenEvent | null;
  verifiedAt: Date | null;
  /** When the whole chain was last walked from its start (null: never recorded). */
  wholeAt: Date | null;
}

interface Entry {
  status: ChainStatus | null;
  through: VerifiedPoint | null;
  /** The recorded point this entry goes on from (when it was recorded, in ms), or 0. */
  base: number;
  /** That record's whole walk. */
  wholeAt: Date | null;
  running: Promise<ChainStatus> | null;
}

const entries = new Map<string, Entry>();

function refresh(organizationId: string, entry: Entry): Promise<ChainStatus> {
  entry.running = (async () => {
    try {
      const prisma = await db();
      const recorded = await readChainCheck(prisma, organizationId);
      if (recorded && recorded.checkedAt.getTime() > entry.base) {
        // A newer record: its verdict stands, and an intact chain is checked on from where it ended.
        const wholeAt = recorded.verifiedAt;
        Object.assign(entry, { base: recorded.checkedAt.getTime(), through: recorded.through, wholeAt });
        entry.status =
          recorded.state === "broken"
            ? { state: "broken", checked: recorded.checked, firstBroken: recorded.firstBroken, verifiedAt: recorded.checkedAt, wholeAt }
            : { state: "ok", checked: recorded.checked, firstBroken: null, verifiedAt: recorded.checkedAt, wholeAt };
      }
      // A break stays until a later whole walk says otherwise.
      if (entry.status?.state === "broken") return { ...entry.status };
      const result = await verifyChain(prisma, organizationId, entry.through ? { from: entry.through } : {});
      const status: ChainStatus = {
        state: result.ok ? "ok" : "broken",
        checked: result.checked,
        firstBroken: result.firstBroken ?? null,
        verifiedAt: new Date(),
        wholeAt: entry.wholeAt,
      };
      Object.assign(entry, { status, through: result.through ?? null });
      return status;
    } finally {
      entry.running = null;
    }
  })();
  return entry.running;
}

export async function getChainStatus(): Promise<ChainStatus> {
  const actor = await authorize("audit", "view");
  const organizationId = actor.organizationId;
  let entry = entries.get(organizationId);
  if (!entry) entries.set(organizationId, (entry = { status: null, through: null, base: 0, wholeAt: null, running: null }));
  const fresh = entry.status?.verifiedAt && Date.now() - entry.status.verifiedAt.getTime() < REUSE_MS;
  if (fresh) return entry.status!;
  const running = entry.running ?? refresh(organizationId, entry);
  // A verification that fails is logged and tried again by the next page; the audit log itself still shows.
  const settled = running.catch((e) => (console.error("audit chain verification failed", e), null));
  // Under a stream of new events a page should not wait for their check: a result of the last minute is shown.
  const recent = entry.status?.verifiedAt && Date.now() - entry.status.verifiedAt.getTime() < STALE_MS;
  if (recent) return entry.status!;
  const waited = await Promise.race([settled, new Promise<null>((resolve) => setTimeout(resolve, WAIT_MS, null))]);
  return waited ?? entry.status ?? { state: "verifying", checked: 0, firstBroken: null, verifiedAt: null, wholeAt: null };
}
