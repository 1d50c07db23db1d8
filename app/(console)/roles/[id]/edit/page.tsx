import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ChevronLeft } from "lucide-react";
import { PageHeader } from "@/components/ui/card";
import { getRoleEditor } from "@/lib/server/roles/get-role-editor";
import { load } from "@/lib/server/page";
import { RoleForm } from "../../_components/role-form";
import { updateRoleAction } from "./actions";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("rolesArea"))("form.editTitle") };
}

export default async function EditRolePage({ params }: Params) {
  const { id } = await params;
  const editor = await load(() => getRoleEditor({ id }));
  const role = editor.role!;
  const t = await getTranslations("rolesArea");
  return (
    <div className="max-w-4xl">
      <Link href={`/roles/${role.id}`} className="mb-3 inline-flex items-center gap-1 text-sm text-accent-700 hover:underline">
        <ChevronLeft className="size-4" aria-hidden />
        {role.name}
      </Link>
      <PageHeader title={t("form.editTitle")} description={t("form.editDescription")} />
      <RoleForm
        action={updateRoleAction}
        role={role}
        actorPermissions={editor.actorPermissions}
        rules={editor.rules}
        overrideAllowed={editor.overrideAllowed}
        holders={editor.holders}
      />
    </div>
  );
}
