"use server";
// The travel notices page's posts: file a trip abroad for an account, revoke one.
import { createTravelNoticeSchema, revokeTravelNoticeSchema } from "@/lib/schemas/detections";
import { action } from "@/lib/server/action";
import { createTravelNotice } from "@/lib/server/travel/create-travel-notice";
import { revokeTravelNotice } from "@/lib/server/travel/revoke-travel-notice";

export const createTravelNoticeAction = action(createTravelNoticeSchema, createTravelNotice);
export const revokeTravelNoticeAction = action(revokeTravelNoticeSchema, revokeTravelNotice);
