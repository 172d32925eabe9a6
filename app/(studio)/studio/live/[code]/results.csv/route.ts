import { getViewer } from "@/server/auth/viewer";
import { DomainError } from "@/server/errors";
import { roomResults } from "@/server/quiz/live";

export const dynamic = "force-dynamic";

// A spreadsheet opens a cell starting with = + - @ (or a tab or carriage return) as a formula: a
// nickname like "=HYPERLINK(…)" must stay text (OWASP, CSV injection).
function cell(value: string | number | boolean | null): string {
  let text = value === null ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The host's full results table as CSV (UTF-8 with a BOM, so spreadsheets read accented names right). */
export async function GET(_request: Request, { params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  if (!/^\d{6}$/.test(code)) return new Response("A room code is six digits.", { status: 404 });
  const viewer = await getViewer();
  if (!viewer) return new Response("Sign in to download a room's results.", { status: 401 });
  try {
    const results = await roomResults({ viewer, code });
    const lines = [
      ["rank", "name", "player", "points", "correct", "answered", "questions", "average seconds"],
      ...results.rows.map((r) => [r.rank, r.name, r.guest ? "guest" : "account", r.score, r.correct, r.answered, r.asked, r.averageSeconds]),
    ].map((row) => row.map(cell).join(","));
    return new Response(`\uFEFF${lines.join("\r\n")}\r\n`, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="live-room-${code}-results.csv"`,
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof DomainError) return new Response(error.message, { status: error.code === "FORBIDDEN" ? 403 : error.code === "NOT_FOUND" ? 404 : 409 });
    throw error;
  }
}
