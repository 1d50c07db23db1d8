import "server-only";
import { sweepExpiredGrants } from "./access/sweep-expired-grants";
import { sweepPendingSignIns } from "./audit/process-sign-ins";
import { sweepAuditChains } from "./audit/chain-checks";
import { sweepAuditPartitions } from "./audit/retention";
import { sweepStatements } from "./billing/statements";
import { sweepComplianceTasks } from "./compliance/ensure-compliance-tasks";
import { sweepUnappliedCampaigns } from "./reviews/apply-campaign";
import { sweepQuarterCampaigns } from "./reviews/create-campaign";
import { sweepReviewReminders } from "./reviews/remind-reviewers";
import { sweepAlertNotices } from "./detections/deliver-alert-notices";
import { sweepDueOffboarding } from "./offboarding/apply-case";
import { sweepOverdueOffboardingTasks } from "./offboarding/escalate-overdue";
import { env } from "./env";

let timer: NodeJS.Timeout | undefined;

// Audit partitions change monthly: an hourly look is plenty.
const AUDIT_PARTITIONS_EVERY_MS = 60 * 60 * 1000;
let auditPartitionsSweptAt = 0;
async function sweepAuditPartitionsHourly(): Promise<void> {
  if (Date.now() - auditPartitionsSweptAt < AUDIT_PARTITIONS_EVERY_MS) return;
  auditPartitionsSweptAt = Date.now();
  await sweepAuditPartitions();
}

// Statements are issued once a month is over; a look every ten minutes issues them soon after midnight of the 1st.
const STATEMENTS_EVERY_MS = 10 * 60 * 1000;
let statementsSweptAt = 0;
async function sweepStatementsOften(): Promise<void> {
  if (Date.now() - statementsSweptAt < STATEMENTS_EVERY_MS) return;
  statementsSweptAt = Date.now();
  await sweepStatements();
}

// Review campaigns: the quarter's automatic one, half-time reminders, and applying that stopped half way.
const REVIEWS_EVERY_MS = 5 * 60 * 1000;
let reviewsSweptAt = 0;
async function sweepReviews(): Promise<void> {
  if (Date.now() - reviewsSweptAt < REVIEWS_EVERY_MS) return;
  reviewsSweptAt = Date.now();
  // Each step on its own: a campaign that cannot be applied does not hold back the next quarter or the reminders.
  await sweepUnappliedCampaigns().catch((e) => console.error("review applying sweeper failed", e));
  await sweepQuarterCampaigns().catch((e) => console.error("quarterly campaign sweeper failed", e));
  await sweepReviewReminders().catch((e) => console.error("review reminder sweeper failed", e));
}

// The compliance calendar: new periods' tasks and sources that completed them; a page load brings its own up to date.
const COMPLIANCE_EVERY_MS = 60 * 1000;
let complianceSweptAt = 0;
async function sweepComplianceEveryMinute(): Promise<void> {
  if (Date.now() - complianceSweptAt < COMPLIANCE_EVERY_MS) return;
  complianceSweptAt = Date.now();
  await sweepComplianceTasks();
}

// The audit chains (chain-checks.ts), every ten minutes: each chain's verified point moves on to its newest events,
// and a chain whose whole walk is a day old is walked again. Run on its own, since walking millions of events takes
// minutes and must not hold back the other sweepers.
const AUDIT_CHAINS_EVERY_MS = 10 * 60 * 1000;
let auditChainsSweptAt = 0;
let auditChainsRunning = false;
function sweepAuditChainsDaily(): void {
  if (auditChainsRunning || Date.now() - auditChainsSweptAt < AUDIT_CHAINS_EVERY_MS) return;
  auditChainsSweptAt = Date.now();
  auditChainsRunning = true;
  void sweepAuditChains()
    .catch((e) => console.error("audit chain sweeper failed", e))
    .finally(() => (auditChainsRunning = false));
}

/** Started once per server process (instrumentation.ts): the sweepers record what has already taken effect. */
export function startSweepers(): void {
  const seconds = env().SWEEP_INTERVAL_SECONDS;
  if (timer || seconds === 0) return;
  let running = false;
  timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepPendingSignIns()
      .catch((e) => console.error("sign-in processing sweeper failed", e))
      .then(() => sweepExpiredGrants())
      .catch((e) => console.error("grant sweeper failed", e))
      .then(() => sweepDueOffboarding())
      .catch((e) => console.error("offboarding sweeper failed", e))
      .then(() => sweepOverdueOffboardingTasks())
      .catch((e) => console.error("offboarding escalation sweeper failed", e))
      .then(() => sweepAuditChainsDaily())
      .then(() => sweepAuditPartitionsHourly())
      .catch((e) => console.error("audit partition sweeper failed", e))
      .then(() => sweepAlertNotices())
      .catch((e) => console.error("alert notice sweeper failed", e))
      .then(() => sweepStatementsOften())
      .catch((e) => console.error("statement sweeper failed", e))
      .then(() => sweepComplianceEveryMinute())
      .catch((e) => console.error("compliance sweeper failed", e))
      .then(() => sweepReviews())
      .catch((e) => console.error("review sweeper failed", e))
      .finally(() => (running = false));
  }, seconds * 1000);
  timer.unref();
}
