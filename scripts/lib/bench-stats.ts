// Timing loop and summary numbers for the bench: warm-up, measured samples, median and p95, rows for the table.
import { performance } from "node:perf_hooks";

export interface BenchRow {
  scenario: string;
  size: string;
  median_ms: number;
  p95_ms: number;
  baseline: string | null;
  ratio: number | null;
}

export interface Sample {
  median: number;
  p95: number;
  samples: number;
}

/** Nearest-rank percentile of sorted samples. */
export function percentile(sorted: number[], p: number): number {
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

function median(sorted: number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Runs fn sequentially: `warmup` unmeasured calls, then `iterations` measured ones (stopping early past `budgetMs`,
 * after at least 10); `prepare(i)` runs before call i, untimed.
 */
export async function measure(
  fn: (i: number) => Promise<unknown>,
  {
    warmup,
    iterations,
    budgetMs = Infinity,
    prepare,
  }: { warmup: number; iterations: number; budgetMs?: number; prepare?: (i: number) => Promise<unknown> },
): Promise<Sample> {
  for (let i = 0; i < warmup; i++) {
    await prepare?.(i);
    await fn(i);
  }
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < iterations; i++) {
    await prepare?.(warmup + i);
    const t0 = performance.now();
    await fn(warmup + i);
    times.push(performance.now() - t0);
    if (times.length >= 10 && performance.now() - started > budgetMs) break;
  }
  return summarize(times);
}

/**
 * Like measure, for several functions at once, taken in turn on every iteration: background load and JIT drift
 * then weigh on all of them alike instead of on whichever happened to run first.
 */
export async function measureEach(
  fns: (() => Promise<unknown>)[],
  { warmup, iterations, budgetMs = Infinity }: { warmup: number; iterations: number; budgetMs?: number },
): Promise<Sample[]> {
  for (let i = 0; i < warmup; i++) for (const fn of fns) await fn();
  const times: number[][] = fns.map(() => []);
  const started = performance.now();
  for (let i = 0; i < iterations; i++) {
    for (const [k, fn] of fns.entries()) {
      const t0 = performance.now();
      await fn();
      times[k]!.push(performance.now() - t0);
    }
    if (i + 1 >= 10 && performance.now() - started > budgetMs) break;
  }
  return times.map(summarize);
}

export function summarize(times: number[]): Sample {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: median(sorted), p95: percentile(sorted, 95), samples: sorted.length };
}

/**
 * Calls the functions in turn for at least `ms`: V8 tiers WebAssembly (PGlite, Prisma's query compiler) and hot
 * JavaScript up in the background, and before that the first few seconds run measurably slower.
 */
export async function warmUp(fns: (() => Promise<unknown>)[], ms: number): Promise<number> {
  const started = performance.now();
  let calls = 0;
  while (performance.now() - started < ms) {
    for (const fn of fns) await fn();
    calls += fns.length;
  }
  return calls;
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

export function row(scenario: string, size: string, sample: Sample, baseline?: { name: string; sample: Sample }): BenchRow {
  return {
    scenario,
    size,
    median_ms: round(sample.median, 3),
    p95_ms: round(sample.p95, 3),
    baseline: baseline?.name ?? null,
    ratio: baseline ? round(baseline.sample.median / sample.median, 3) : null,
  };
}

export function formatTable(rows: BenchRow[]): string {
  const header = ["scenario", "size", "median (ms)", "p95 (ms)", "baseline", "ratio"];
  const cells = rows.map((r) => [
    r.scenario,
    r.size,
    r.median_ms.toFixed(2),
    r.p95_ms.toFixed(2),
    r.baseline ?? "—",
    r.ratio === null ? "—" : r.ratio >= 10 ? r.ratio.toFixed(1) : r.ratio.toFixed(3),
  ]);
  const numeric = [false, true, true, true, false, true];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => (numeric[i] ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)].join("\n");
}
