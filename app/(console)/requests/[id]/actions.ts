"use server";
// A request's detail page: a decider approves or rejects it, the requester cancels it.
import { revalidatePath } from "next/cache";
import { cancelChangeRequestSchema, decideChangeRequestSchema } from "@/lib/schemas/requests";
import { action } from "@/lib/server/action";
import { cancelChangeRequest } from "@/lib/server/requests/cancel-change-request";
import { decideChangeRequest } from "@/lib/server/requests/decide-change-request";

export const decideChangeRequestAction = action(decideChangeRequestSchema, async (input) => {
  const { status } = await decideChangeRequest(input);
  revalidatePath("/requests", "layout");
  return { status };
});

export const cancelChangeRequestAction = action(cancelChangeRequestSchema, async (input) => {
  const { status } = await cancelChangeRequest(input);
  revalidatePath("/requests", "layout");
  return { status };
});
