import "server-only";
import { CARD_STATES, type CardState } from "@/lib/srs/scheduler";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { cardFaceSelect, faceOf, localDay } from "./service";

// The card browser (Anki's "Browse"): every card in the learner's collection, course cards and
// their own, searched by the text of either side, filtered, sorted and paged. The filter runs as
// one SQL query over the learner's own rows (the (userId, …) indexes), so a page of a 10,000-card
// collection is one index range plus a count (bench/card-browser.ts).

export const BROWSER_SORTS = ["due", "created", "front", "lapses", "interval"] as const;
export type BrowserSort = (typeof BROWSER_SORTS)[number];
export const BROWSER_PAGE_MAX = 100;

export type BrowseOptions = {
  userId: string;
  query?: string;
  deckId?: string;
  courseId?: string;
  state?: CardState;
  /** "due": due by the end of the learner's today (new cards excluded). */
  due?: boolean;
  suspended?: boolean;
  origin?: "own" | "course";
  sort?: BrowserSort;
  direction?: "asc" | "desc";
  page?: number;
  pageSize?: number;
  now?: Date;
};

// A course card's text lives in its lesson item, whichever fields its kind uses (lib/srs/card-text.ts).
const itemText = Prisma.sql`concat_ws(' ', ci.data->>'front', ci.data->>'back', ci.data->>'term', ci.data->>'definition', ci.data->>'explanation', ci.data->>'title', ci.data->>'text')`;
const frontText = Prisma.sql`lower(coalesce(c.front, ci.data->>'front', ci.data->>'term', ci.data->>'title', ''))`;

const likePattern = (query: string) => `%${query.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

const orderColumn: Record<BrowserSort, Prisma.Sql> = {
  due: Prisma.sql`c.due`,
  created: Prisma.sql`c."createdAt"`,
  front: frontText,
  lapses: Prisma.sql`c.lapses`,
  interval: Prisma.sql`c."scheduledDays"`,
};

export async function browseCards(options: BrowseOptions) {
  const now = options.now ?? new Date();
  const pageSize = Math.min(options.pageSize ?? 50, BROWSER_PAGE_MAX);
  const page = Math.max(1, options.page ?? 1);
  const conditions: Prisma.Sql[] = [Prisma.sql`c."userId" = ${options.userId}`, Prisma.sql`(c."contentItemId" IS NULL OR ci."archivedAt" IS NULL)`];
  const query = options.query?.trim();
  if (query) {
    const pattern = likePattern(query);
    conditions.push(Prisma.sql`(coalesce(c.front, '') || ' ' || coalesce(c.back, '') || ' ' || coalesce(${itemText}, '')) ILIKE ${pattern} ESCAPE '\\'`);
  }
  if (options.deckId) conditions.push(Prisma.sql`c."deckId" = ${options.deckId}`);
  if (options.courseId) conditions.push(Prisma.sql`c."courseId" = ${options.courseId}`);
  if (options.state && (CARD_STATES as readonly string[]).includes(options.state)) conditions.push(Prisma.sql`c.state = ${options.state}::"CardState"`);
  if (options.suspended !== undefined) conditions.push(Prisma.sql`c.suspended = ${options.suspended}`);
  if (options.origin === "own") conditions.push(Prisma.sql`c."contentItemId" IS NULL`);
  if (options.origin === "course") conditions.push(Prisma.sql`c."contentItemId" IS NOT NULL`);
  if (options.due) {
    const user = await db.user.findUniqueOrThrow({ where: { id: options.userId }, select: { timezone: true } });
    conditions.push(Prisma.sql`c.state <> 'NEW' AND c.due < ${localDay(user.timezone, now).end}`);
  }
  const where = Prisma.join(conditions, " AND ");
  const direction = options.direction === "desc" ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const from = Prisma.sql`FROM "Card" c LEFT JOIN "ContentItem" ci ON ci.id = c."contentItemId"`;

  const [ids, [total]] = await Promise.all([
    db.$queryRaw<{ id: string }[]>`SELECT c.id ${from} WHERE ${where} ORDER BY ${orderColumn[options.sort ?? "due"]} ${direction}, c.id ${direction} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
    db.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count ${from} WHERE ${where}`,
  ]);
  const rows = await db.card.findMany({
    where: { id: { in: ids.map((row) => row.id) }, userId: options.userId },
    select: { id: true, state: true, due: true, suspended: true, reps: true, lapses: true, scheduledDays: true, contentItemId: true, createdAt: true, ...cardFaceSelect },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const cards = ids.flatMap(({ id }) => {
    const row = byId.get(id);
    if (!row) return [];
    return [
      {
        id: row.id,
        ...faceOf(row),
        origin: row.contentItemId ? ("course" as const) : ("own" as const),
        noteId: row.noteId,
        deck: row.deck,
        state: row.state,
        due: row.due,
        suspended: row.suspended,
        reps: row.reps,
        lapses: row.lapses,
        intervalDays: row.scheduledDays,
        createdAt: row.createdAt,
      },
    ];
  });
  return { cards, total: total?.count ?? 0, page, pageSize, pageCount: Math.max(1, Math.ceil((total?.count ?? 0) / pageSize)) };
}

/** What the browser's deck/course filter offers: the learner's decks and the courses they hold cards of. */
export async function browserFacets(options: { userId: string }) {
  const [decks, courses] = await Promise.all([
    db.deck.findMany({ where: { userId: options.userId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.$queryRaw<{ id: string; title: string }[]>`
      SELECT co.id, co.title FROM "Course" co
      WHERE EXISTS (SELECT 1 FROM "Card" c WHERE c."userId" = ${options.userId} AND c."courseId" = co.id)
      ORDER BY co.title`,
  ]);
  return { decks, courses };
}
