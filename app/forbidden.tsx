import { getTranslations } from "next-intl/server";
import { MessagePage } from "@/components/layout/message-page";

export default async function Forbidden() {
  const t = await getTranslations("common");
  return <MessagePage code="403" title={t("forbiddenTitle")} body={t("forbiddenBody")} linkLabel={t("home")} />;
}
