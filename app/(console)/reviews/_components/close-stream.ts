"use client";
import { postWithProgress } from "@/lib/client/progress-stream";

export interface ApplyProgressLine {
  done: number;
  total: number;
}
export type CloseAnswer = { ok: true; result: ApplyProgressLine } | { ok: false; error: string };

/** Posts to the close route: progress while the decisions are applied, then the result (lib/client/progress-stream.ts). */
export async function closeAndApply(reviewId: string, onProgress: (p: ApplyProgressLine) => void): Promise<CloseAnswer> {
  const answer = await postWithProgress<ApplyProgressLine, ApplyProgressLine>(`/api/reviews/${encodeURIComponent(reviewId)}/close`, undefined, (p) =>
    onProgress({ done: p.done, total: p.total }),
  );
  return answer.ok ? answer : { ok: false, error: answer.error };
}
