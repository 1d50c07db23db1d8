// The console's areas in sidebar order, with what each needs. The sidebar hides what a person cannot use;
// every page still checks on the server.
import type { Domain } from "./permissions";

export interface NavItem {
  key: string;
  href: string;
  group: "none" | "people" | "linesBilling" | "security";
  domain: Domain | null;
  /** "members": shown only to people without any permission (admins reach My Page from the header). */
  audience?: "members";
}

export const NAV_ITEMS: NavItem[] = [
  { key: "dashboard", href: "/", group: "none", domain: null },
  { key: "me", href: "/me", group: "none", domain: null, audience: "members" },
  { key: "accounts", href: "/accounts", group: "people", domain: "accounts" },
  { key: "roles", href: "/roles", group: "people", domain: "accounts" },
  { key: "requests", href: "/requests", group: "people", domain: null },
  { key: "offboarding", href: "/offboarding", group: "people", domain: "offboarding" },
  { key: "reviews", href: "/reviews", group: "people", domain: "reviews" },
  { key: "lines", href: "/lines", group: "linesBilling", domain: "lines" },
  { key: "billing", href: "/billing", group: "linesBilling", domain: "billing" },
  { key: "alerts", href: "/alerts", group: "security", domain: "security" },
  { key: "audit", href: "/audit", group: "security", domain: "audit" },
  { key: "network", href: "/security/network", group: "security", domain: "security" },
  { key: "policies", href: "/security/policies", group: "security", domain: "security" },
  { key: "compliance", href: "/compliance", group: "security", domain: "security" },
  { key: "settings", href: "/settings", group: "security", domain: "org" },
  { key: "outbox", href: "/outbox", group: "security", domain: "org" },
];
