import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

// Whose rows the database may show the code running now (row-level security on PostgreSQL, lib/server/db.ts).
// scripts/serve.mjs opens an empty scope around every HTTP request and currentActor() fills it in once the
// session is known. Code that runs before there is a session (sign-in, recovery, invitation links, sweepers)
// names its organization explicitly with withOrganization(); reading rows that belong to no organization takes
// asSystem(). Both are meant to be grep-able: every use is a deliberate decision about scope.

export interface TenantScope {
  organizationId: string | null;
  /** Rows of no organization (sign-in attempts with unknown IDs) are visible; nothing else is added. */
  system: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Shared through globalThis: scripts/serve.mjs and the Next.js bundle are separate module graphs.
const KEY = Symbol.for("ocn.tenant-scope");
const holder = globalThis as unknown as Record<symbol, AsyncLocalStorage<TenantScope> | undefined>;
const storage: AsyncLocalStorage<TenantScope> = (holder[KEY] ??= new AsyncLocalStorage<TenantScope>());

export function currentTenantScope(): TenantScope | undefined {
  return storage.getStore();
}

function checked(organizationId: string | null): string | null {
  if (organizationId !== null && !UUID.test(organizationId)) throw new Error(`not an organization id: ${organizationId}`);
  return organizationId;
}

/** A fresh scope for one request (or one test's request): empty until currentActor() knows the organization. */
export function runInRequestScope<T>(fn: () => PromiseLike<T>): Promise<T> {
  return runIn({ organizationId: null, system: false }, fn);
}

/**
 * currentActor() records the session's organization in the request's scope, so every later query of the
 * request is confined to it. A request never changes organization; outside a request scope this does nothing.
 */
export function bindRequestOrganization(organizationId: string | null): void {
  const scope = storage.getStore();
  if (!scope) return;
  checked(organizationId);
  if (organizationId && scope.organizationId && scope.organizationId !== organizationId) {
    throw new Error("a request cannot change its organization");
  }
  scope.organizationId = organizationId;
}

/**
 * Prisma's promises are lazy: a query starts when someone calls then(). Calling it here, inside the scope, makes
 * `withOrganization(id, () => prisma.account.findMany())` work as it reads, and not only with an async arrow.
 */
function runIn<T>(scope: TenantScope, fn: () => PromiseLike<T>): Promise<T> {
  return storage.run(scope, () => new Promise<T>((resolve, reject) => fn().then(resolve, reject)));
}

/** Runs fn confined to one organization (null: to none), whatever the surrounding scope. */
export function withOrganization<T>(organizationId: string | null, fn: () => PromiseLike<T>): Promise<T> {
  return runIn({ organizationId: checked(organizationId), system: false }, fn);
}

/** Runs fn where the only rows visible are those of no organization: the audit of an attempt nobody owns. */
export function asSystem<T>(fn: () => PromiseLike<T>): Promise<T> {
  return runIn({ organizationId: null, system: true }, fn);
}
