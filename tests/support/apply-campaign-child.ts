// A separate process that applies a closed review campaign, for the crash test: the parent kills it with SIGKILL part
// way through (tests/integration/reviews.test.ts). Run with: tsx --conditions=react-server <this file>.
import { openPostgres, setProcessDatabase } from "@/lib/server/db";
import { applyCampaign } from "@/lib/server/reviews/apply-campaign";

const { CHILD_DATABASE_URL, CHILD_ORGANIZATION_ID, CHILD_REVIEW_ID } = process.env;
if (!CHILD_DATABASE_URL || !CHILD_ORGANIZATION_ID || !CHILD_REVIEW_ID) throw new Error("CHILD_DATABASE_URL, CHILD_ORGANIZATION_ID and CHILD_REVIEW_ID are required");
const database = await openPostgres(CHILD_DATABASE_URL);
setProcessDatabase(database);
process.stdout.write("started\n");
await applyCampaign(CHILD_ORGANIZATION_ID, CHILD_REVIEW_ID, { id: null, label: "crash-test child" });
process.stdout.write("finished\n");
await database.close();
