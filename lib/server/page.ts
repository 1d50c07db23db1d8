import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import { isAppError } from "./errors";

/** Pages call operations through this: an ended session goes to sign-in, a missing permission to 403. */
export async function load<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (e) {
    if (isAppError(e)) {
      if (e.code === "unauthenticated") redirect("/sign-in");
      if (e.code === "forbidden") forbidden();
      if (e.code === "not_found") notFound();
    }
    throw e;
  }
}
