// GET /api/health — load balancers ask whether this instance can reach its database.
import { NextResponse } from "next/server";
import { database } from "@/lib/server/db";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const d = await database();
    await d.sql.rows("SELECT 1");
    return NextResponse.json({ status: "ok", database: d.kind });
  } catch {
    return NextResponse.json({ status: "unavailable" }, { status: 503 });
  }
}
