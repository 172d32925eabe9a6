import { checkDatabase } from "@/server/system/service";

export const dynamic = "force-dynamic";

export async function GET() {
  const up = await checkDatabase();
  return Response.json(
    { ok: up, db: up ? "up" : "down" },
    { status: up ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
