"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { confirmEmailChangeAction } from "../../../actions";
import { useMeAction, useMeErrors } from "../../../_components/use-me-errors";

/** The one button that changes the address; on success My Page shows the new one. */
export function ConfirmEmailChangeForm({ token }: { token: string }) {
  const t = useTranslations("me.confirmEmail");
  const errors = useMeErrors();
  const router = useRouter();
  const confirm = useMeAction(confirmEmailChangeAction, () => router.push("/me?emailChanged=1#contact"));
  const error = errors.form(confirm.result, []);
  return (
    <form
      className="mt-5"
      onSubmit={(e) => {
        e.preventDefault();
        confirm.run({ token });
      }}
    >
      {error ? (
        <p role="alert" className="mb-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={confirm.pending || confirm.result?.ok}>
          {confirm.pending ? t("confirming") : t("confirm")}
        </Button>
        <Link href="/me#contact" className="text-sm text-accent-700 hover:underline">
          {t("back")}
        </Link>
      </div>
    </form>
  );
}
