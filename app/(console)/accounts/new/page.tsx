import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import { listGrantableRoles } from "@/lib/server/access/list-grantable-roles";
import { authorize } from "@/lib/server/authorize";
import { listDepartments } from "@/lib/server/accounts/list-departments";
import { load } from "@/lib/server/page";
import { AccountForm } from "../_components/account-form";
import { inviteAccountAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("accountForm"))("inviteTitle") };
}

export default async function InviteAccountPage() {
  const [, departments, roles] = await load(() => Promise.all([authorize("accounts", "manage"), listDepartments(), listGrantableRoles()]));
  const t = await getTranslations();
  return (
    <div>
      <PageHeader title={t("accountForm.inviteTitle")} description={t("accountForm.inviteDescription")} />
      <AccountForm
        mode="invite"
        departments={departments}
        roles={roles.filter((r) => r.key !== "member").map((r) => ({ id: r.id, label: r.key ? t(`roles.${r.key}` as "roles.member") : r.name, aboveMine: r.aboveMine }))}
        submit={inviteAccountAction}
        cancelHref="/accounts"
      />
    </div>
  );
}
