"use server";
// Offboarding: HR registers and cancels cases, the owning functions close tasks, a line operator retires a device.
import { revalidatePath } from "next/cache";
import { caseIdSchema, completeTaskSchema, simReturnDaysSchema, skipTaskSchema, startDisposalSchema, startOffboardingSchema } from "@/lib/schemas/offboarding";
import { action } from "@/lib/server/action";
import { cancelOffboarding } from "@/lib/server/offboarding/cancel-case";
import { completeOffboardingTask, skipOffboardingTask } from "@/lib/server/offboarding/complete-task";
import { startDeviceDisposal } from "@/lib/server/offboarding/start-disposal";
import { startOffboarding } from "@/lib/server/offboarding/start-offboarding";
import { updateSimReturnDays } from "@/lib/server/offboarding/update-sim-return-days";

const refreshed = () => {
  revalidatePath("/offboarding", "layout");
  revalidatePath("/");
};

export const startOffboardingAction = action(startOffboardingSchema, async (input) => {
  // The schema's output says "now" as effectiveAt: null; the operation parses its input again and takes "now" as no time.
  const result = await startOffboarding({
    ...input,
    effectiveAt: input.effectiveAt ?? undefined,
  });
  refreshed();
  return result;
});

export const completeOffboardingTaskAction = action(completeTaskSchema, async (input) => {
  await completeOffboardingTask(input);
  refreshed();
  return null;
});

export const skipOffboardingTaskAction = action(skipTaskSchema, async (input) => {
  await skipOffboardingTask(input);
  refreshed();
  return null;
});

export const cancelOffboardingAction = action(caseIdSchema, async (input) => {
  await cancelOffboarding(input);
  refreshed();
  return null;
});

export const startDeviceDisposalAction = action(startDisposalSchema, async (input) => {
  const result = await startDeviceDisposal(input);
  revalidatePath(`/lines/${input.lineId}`);
  refreshed();
  return result;
});

export const updateSimReturnDaysAction = action(simReturnDaysSchema, async (input) => {
  const result = await updateSimReturnDays(input);
  refreshed();
  return result;
});
