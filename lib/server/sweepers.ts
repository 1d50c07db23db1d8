import "server-only";
import { sweepExpiredGrants } from "./access/sweep-expired-grants";
import { env } from "./env";

let timer: NodeJS.Timeout | undefined;

/** Started once per server process (instrumentation.ts): the sweepers record what has already taken effect. */
export function startSweepers(): void {
  const seconds = env().SWEEP_INTERVAL_SECONDS;
  if (timer || seconds === 0) return;
  let running = false;
  timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepExpiredGrants()
      .catch((e) => console.error("grant sweeper failed", e))
      .finally(() => (running = false));
  }, seconds * 1000);
  timer.unref();
}
