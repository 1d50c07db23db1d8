import { getTranslations } from "next-intl/server";
import { MessagePage } from "@/components/layout/message-page";

export default async function NotFound() {
  const t = await getTranslations("common");
  return <MessagePage code="404" title={t("notFoundTitle")} body={t("notFoundBody")} linkLabel={t("home")} />;
}
