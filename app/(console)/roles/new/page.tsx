import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ChevronLeft } from "lucide-react";
import { PageHeader } from "@/components/ui/card";
import { getRoleEditor } from "@/lib/server/roles/get-role-editor";
import { load } from "@/lib/server/page";
import { RoleForm } from "../_components/role-form";
import { createRoleAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("rolesArea"))("form.createTitle") };
}

export default async function NewRolePage() {
  const editor = await load(() => getRoleEditor());
  const t = await getTranslations("rolesArea");
  return (
    <div className="max-w-4xl">
      <Link href="/roles" className="mb-3 inline-flex items-center gap-1 text-sm text-accent-700 hover:underline">
        <ChevronLeft className="size-4" aria-hidden />
        {t("detail.back")}
      </Link>
      <PageHeader title={t("form.createTitle")} description={t("form.createDescription")} />
      <RoleForm action={createRoleAction} role={null} actorPermissions={editor.actorPermissions} rules={editor.rules} overrideAllowed={editor.overrideAllowed} holders={[]} />
    </div>
  );
}
