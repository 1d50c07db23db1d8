import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import { authorize } from "@/lib/server/authorize";
import { getAccountOrThrow } from "@/lib/server/accounts/get-account-or-throw";
import { listDepartments } from "@/lib/server/accounts/list-departments";
import { load } from "@/lib/server/page";
import { AccountForm } from "../../_components/account-form";
import { updateAccountAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("accountForm"))("editTitle") };
}

export default async function EditAccountPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [, account, departments] = await load(() => Promise.all([authorize("accounts", "manage"), getAccountOrThrow({ id }), listDepartments()]));
  const t = await getTranslations("accountForm");
  return (
    <div>
      <PageHeader title={t("editTitle")} description={`${account.displayName} (${account.loginId})`} />
      <AccountForm
        mode="edit"
        initial={{
          id: account.id,
          displayName: account.displayName,
          nameKana: account.nameKana,
          email: account.email,
          employeeNumber: account.employeeNumber,
          departmentId: account.departmentId,
          kind: account.kind,
          contractorCompany: account.contractorCompany,
        }}
        departments={departments}
        submit={updateAccountAction}
        cancelHref={`/accounts/${account.id}`}
      />
    </div>
  );
}
