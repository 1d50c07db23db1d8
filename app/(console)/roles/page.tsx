import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { listRoles } from "@/lib/server/roles/list-roles";
import { load } from "@/lib/server/page";
import { MatrixLegend } from "./_components/matrix-legend";
import { PermissionMatrix } from "./_components/permission-matrix";
import { RolesTabs } from "./_components/roles-tabs";
import { SavedNotice } from "./_components/saved-notice";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("rolesArea"))("title") };
}

export default async function RolesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { deleted } = await searchParams;
  const { roles, canManage } = await load(listRoles);
  const t = await getTranslations("rolesArea");
  return (
    <div className="max-w-6xl">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          canManage ? (
            <Button asChild>
              <Link href="/roles/new">
                <Plus className="size-4" aria-hidden />
                {t("matrix.create")}
              </Link>
            </Button>
          ) : null
        }
      />
      <RolesTabs />
      {typeof deleted === "string" && deleted ? <SavedNotice message={t("delete.done", { name: deleted })} /> : null}
      <PermissionMatrix roles={roles} canManage={canManage} />
      <MatrixLegend />
    </div>
  );
}
