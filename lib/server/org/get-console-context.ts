import "server-only";
import { can } from "@/lib/permissions";
import { passwordExpiry } from "@/lib/policy/password";
import { NAV_ITEMS, type NavItem } from "@/lib/navigation";
import { authorize } from "../authorize";
import { db } from "../db";

export interface ConsoleContext {
  displayName: string;
  loginId: string;
  organizationName: string;
  customerNumber: string;
  nav: NavItem[];
  isAdmin: boolean;
  /** Set during the last days before the password expires, for the reminder banner. */
  passwordDaysLeft: number | null;
}

/** What the console frame shows the signed-in person: who, which organization, which areas. */
export async function getConsoleContext(): Promise<ConsoleContext> {
  const actor = await authorize();
  const prisma = await db();
  const { passwordChangedAt, organization: org } = await prisma.account.findUniqueOrThrow({
    where: { id: actor.accountId },
    select: { passwordChangedAt: true, organization: { select: { customerNumber: true, passwordPolicy: { select: { maxAgeDays: true } } } } },
  });
  const expiry = passwordExpiry(passwordChangedAt, org.passwordPolicy ? org.passwordPolicy.maxAgeDays : 90, new Date());
  const isAdmin = Object.keys(actor.permissions).length > 0;
  // A department manager reviews their people's accounts in an open campaign without holding reviews:view.
  const reviewsItems = can(actor.permissions, "reviews", "view")
    ? 0
    : await prisma.accessReviewItem.count({ where: { organizationId: actor.organizationId, reviewerId: actor.accountId, review: { status: "open" } } });
  const nav = NAV_ITEMS.filter((item) => {
    if (item.audience === "members") return !isAdmin;
    if (item.key === "requests") return true; // members file requests too (容量追加) and follow them there
    if (item.key === "reviews" && reviewsItems > 0) return true;
    return item.domain ? can(actor.permissions, item.domain, "view") : isAdmin;
  });
  return {
    displayName: actor.displayName,
    loginId: actor.loginId,
    organizationName: actor.organizationName,
    customerNumber: org.customerNumber,
    nav,
    isAdmin,
    passwordDaysLeft: expiry.state === "warn" ? expiry.daysLeft : null,
  };
}
