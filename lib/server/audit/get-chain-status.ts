import "server-only";
import { authorize } from "../authorize";
import { db } from "../db";
import { verifyChain, type BrokenEvent, type VerifiedPoint } from "./verify-chain";

// The /audit badge verifies on page load, so it must stay cheap. A result is reused for a few seconds; after that a
// page verifies only the events added since the last intact point, and the whole chain again every few minutes
// (`npm run audit:verify` always walks it all: that is what finds a change to an old event at once). A long chain
// (a million events take most of a minute) is verified in the background: the page waits briefly, then shows the
// last result, or "verifying" when there is none yet.
const REUSE_MS = 5_000;
const FULL_EVERY_MS = 5 * 60_000;
const WAIT_MS = 2_000;

export interface ChainStatus {
  state: "ok" | "broken" | "verifying";
  checked: number;
  firstBroken: BrokenEvent | null;
  verifiedAt: Date | null;
}

interface Entry {
  status: ChainStatus | null;
  through: VerifiedPoint | null;
  fullAt: number;
  running: Promise<ChainStatus> | null;
}

const entries = new Map<string, Entry>();

function refresh(organizationId: string, entry: Entry): Promise<ChainStatus> {
  const startedAt = Date.now();
  const full = !entry.through || startedAt - entry.fullAt >= FULL_EVERY_MS;
  const from = full ? undefined : entry.through!;
  entry.running = (async () => {
    try {
      const result = await verifyChain(await db(), organizationId, from ? { from } : {});
      const status: ChainStatus = {
        state: result.ok ? "ok" : "broken",
        checked: result.checked,
        firstBroken: result.firstBroken ?? null,
        verifiedAt: new Date(),
      };
      Object.assign(entry, { status, through: result.through ?? null, fullAt: full ? startedAt : entry.fullAt });
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
  if (!entry) entries.set(organizationId, (entry = { status: null, through: null, fullAt: 0, running: null }));
  const fresh = entry.status?.verifiedAt && Date.now() - entry.status.verifiedAt.getTime() < REUSE_MS;
  if (fresh) return entry.status!;
  const running = entry.running ?? refresh(organizationId, entry);
  // A verification that fails is logged and tried again by the next page; the audit log itself still shows.
  const settled = running.catch((e) => (console.error("audit chain verification failed", e), null));
  const waited = await Promise.race([settled, new Promise<null>((resolve) => setTimeout(resolve, WAIT_MS, null))]);
  return waited ?? entry.status ?? { state: "verifying", checked: 0, firstBroken: null, verifiedAt: null };
}
