import { NotBuilt } from "@/components/layout/not-built";
import { authorize } from "@/lib/server/authorize";
import { load } from "@/lib/server/page";

export default async function Page() {
  await load(() => authorize("org", "view"));
  return <NotBuilt area="settings" />;
}
