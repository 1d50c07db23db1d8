// Signs in through the real pipeline and runs operations as that session (integration tests only).
import { runWithSession } from "@/lib/server/session";
import { signIn } from "@/lib/server/sign-in/sign-in";

export async function signedIn(loginId: string, password: string, ip = "192.0.2.10") {
  const result = await signIn({ loginId, password }, { ip, userAgent: "vitest" });
  if (!result.ok) throw new Error(`sign-in failed for ${loginId}: ${result.reason}`);
  return {
    ...result,
    run: <T>(fn: () => Promise<T>) => runWithSession(result.sessionId, fn, ip),
  };
}
