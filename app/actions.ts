"use server";
// Actions shared by every page: the language switch.
import { action } from "@/lib/server/action";
import { setLocale, setLocaleSchema } from "@/lib/server/preferences/set-locale";

export const setLocaleAction = action(setLocaleSchema, setLocale);
