// `npm run bench -- load`: a class at once. Boots the app as `npm start` does (production build,
// embedded PostgreSQL in a throwaway dir, demo content), signs in BENCH_LEARNERS (50) learners
// through Auth.js's credentials endpoint, and for BENCH_SECONDS (60) each of them loops over a
// realistic mix with a think time of 0.3–1.5 s between steps: open the dashboard page, read a
// lesson and save progress, review flashcards, take a graded quiz to the end (start, answer every
// question, finish — with a double click on finish now and then), play a round of math practice. Every
// request goes to 127.0.0.1 over HTTP through Next and tRPC. Measured: requests, 5xx, other
// errors, latency p50/p95/p99 overall and per step; then every write the app acknowledged is
// looked up in the database (finished attempts and their answers, review logs, game results,
// section progress). Writes bench/results/load.md; exits 1 on a 5xx or a lost write.
import { hash } from "@node-rs/argon2";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import superjson from "superjson";
import { bootApp, throwawayEnv, type BootedApp } from "./_app";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const LEARNERS = Number(process.env.BENCH_LEARNERS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const PASSWORD = "bench-load-password-7";

type Sample = { step: string; ms: number; status: number };
const samples: Sample[] = [];

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`HTTP ${status}: ${body.slice(0, 300)}`);
  }
}

/** One signed-in learner's HTTP client: a cookie jar and tRPC over GET (queries) and POST (mutations). */
class Learner {
  cookies = new Map<string, string>();
  constructor(
    readonly base: string,
    readonly email: string,
  ) {}

  private cookieHeader() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  private keep(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  }

  async request(step: string, url: string, init: RequestInit = {}): Promise<Response> {
    const started = performance.now();
    let status = 0;
    try {
      const response = await fetch(`${this.base}${url}`, {
        ...init,
        redirect: "manual",
        headers: { ...init.headers, cookie: this.cookieHeader() },
      });
      status = response.status;
      this.keep(response);
      return response;
    } finally {
      samples.push({ step, ms: performance.now() - started, status });
    }
  }

  async signIn() {
    const csrf = (await (await this.request("sign-in", "/api/auth/csrf")).json()) as { csrfToken: string };
    const body = new URLSearchParams({
      csrfToken: csrf.csrfToken,
      email: this.email,
      password: PASSWORD,
      callbackUrl: "/dashboard",
    });
    await this.request("sign-in", "/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body,
    });
    if (![...this.cookies.keys()].some((name) => name.endsWith("session-token")))
      throw new Error(`sign-in failed for ${this.email}`);
  }

  async query<T>(step: string, procedure: string, input?: unknown): Promise<T> {
    const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
    return this.trpc<T>(await this.request(step, `/api/trpc/${procedure}${query}`));
  }

  async mutate<T>(step: string, procedure: string, input?: unknown): Promise<T> {
    const body = JSON.stringify(superjson.serialize(input ?? null));
    return this.trpc<T>(
      await this.request(step, `/api/trpc/${procedure}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      }),
    );
  }

  private async trpc<T>(response: Response): Promise<T> {
    const text = await response.text();
    if (!response.ok) throw new HttpError(response.status, text);
    return superjson.deserialize<T>(
      (JSON.parse(text) as { result: { data: Parameters<typeof superjson.deserialize>[0] } }).result.data,
    );
  }

  async page(step: string, url: string) {
    const response = await this.request(step, url);
    const text = await response.text();
    if (response.status !== 200) throw new HttpError(response.status, text);
  }
}

type QuizView = {
  id: string;
  state: string;
  sequence: number;
  questions: { id: string; view: { type: string; options?: string[] } | null }[];
};
type Lesson = { slug: string; lesson: { id: string; sections: { id: string; type: string }[] } };
type Course = { slug: string; lessons: { slug: string; sections: { type: string }[] }[] };

/** What the learners' acknowledged writes were, to be found in the database afterwards. */
const acknowledged = {
  finishedAttempts: new Map<string, number>(),
  reviews: new Set<string>(),
  games: new Set<string>(),
  progress: new Map<string, Set<string>>(),
};
const errors: { step: string; message: string }[] = [];

/** A plausible answer for the question types a learner answers in a few keystrokes; null skips the question. */
function answerFor(view: NonNullable<QuizView["questions"][number]["view"]>) {
  switch (view.type) {
    case "single-choice":
      return { type: "single-choice", choice: Math.floor(Math.random() * (view.options?.length ?? 1)) };
    case "multiple-select":
      return { type: "multiple-select", choices: [0] };
    case "true-false":
      return { type: "true-false", value: Math.random() < 0.5 };
    case "numeric":
      return { type: "numeric", text: String(Math.floor(Math.random() * 100)) };
    case "short-text":
      return { type: "short-text", text: "an answer" };
    default:
      return null;
  }
}

const think = () => new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 1200));

async function learnerLoop(
  learner: Learner,
  userId: string,
  course: Course,
  lessons: Lesson[],
  quizLesson: string,
  until: number,
) {
  const steps = [
    async () => learner.page("dashboard page", "/dashboard"),
    async () => {
      const lesson = lessons[Math.floor(Math.random() * lessons.length)]!;
      await learner.query("lesson: read", "catalog.lesson", { courseSlug: course.slug, lessonSlug: lesson.slug });
      const section = lesson.lesson.sections[Math.floor(Math.random() * lesson.lesson.sections.length)]!;
      if (section.type === "quiz") return;
      await learner.mutate("lesson: save progress", "progress.save", {
        reports: [{ sectionId: section.id, percent: 100, complete: true, at: Date.now() }],
      });
      const mine = acknowledged.progress.get(userId) ?? new Set<string>();
      acknowledged.progress.set(userId, mine.add(section.id));
    },
    async () => {
      const queue = await learner.query<{ cards: { id: string; version: number }[] }>("review: queue", "review.queue", {
        courseSlug: course.slug,
      });
      for (const card of queue.cards.slice(0, 3)) {
        const reviewId = randomUUID();
        await learner.mutate("review: rate", "review.rate", {
          reviewId,
          cardId: card.id,
          version: card.version,
          rating: 1 + Math.floor(Math.random() * 4),
          durationMs: 3000,
        });
        acknowledged.reviews.add(reviewId);
      }
    },
    async () => {
      const attempt = await learner.mutate<QuizView>("quiz: start", "quiz.start", {
        courseSlug: course.slug,
        lessonSlug: quizLesson,
        mode: "GRADED",
      });
      let sequence = attempt.sequence;
      for (const item of attempt.questions) {
        const answer = item.view ? answerFor(item.view) : null;
        if (answer)
          await learner.mutate("quiz: save answer", "quiz.saveAnswer", {
            attemptId: attempt.id,
            questionId: item.id,
            sequence: ++sequence,
            answer,
          });
      }
      // One learner in four double-clicks Finish.
      const finishes = Math.random() < 0.25 ? 2 : 1;
      const results = await Promise.all(
        Array.from({ length: finishes }, () =>
          learner.mutate<QuizView & { answeredCount: number }>("quiz: finish", "quiz.finish", { attemptId: attempt.id }),
        ),
      );
      acknowledged.finishedAttempts.set(attempt.id, results[0]!.answeredCount);
    },
    async () => {
      const game = await learner.mutate<{ sessionId: string }>("game: start", "game.start", {
        game: "math",
        mode: "practice",
        level: "add-10",
      });
      // An untimed practice round: its 20 facts answered one every 0.6 s.
      await new Promise((resolve) => setTimeout(resolve, 12_500));
      const answers = Array.from({ length: 20 }, (_, i) => ({ t: 600 * (i + 1), answer: String(Math.floor(Math.random() * 20)) }));
      await learner.mutate("game: finish", "game.finish", { sessionId: game.sessionId, events: { game: "math", answers } });
      acknowledged.games.add(game.sessionId);
    },
  ];
  while (Date.now() < until) {
    const step = steps[Math.floor(Math.random() * steps.length)]!;
    try {
      await step();
    } catch (error) {
      errors.push({ step: step.name, message: error instanceof Error ? error.message : String(error) });
    }
    await think();
  }
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
};

async function main() {
  const { env, baseURL: base, pgPort, dataDir, cleanup } = await throwawayEnv({ prefix: "learnloop-bench-load-", demo: true });
  let app: BootedApp | null = null;
  let client: pg.Client | null = null;
  const log = () => app?.log() ?? "";
  try {
    console.log("Booting the app on a fresh database (a production build is made first if none is current)…");
    app = await bootApp({ env, baseURL: base });

    const password = readFileSync(path.join(dataDir, "pg.password"), "utf8").trim();
    client = new pg.Client({
      connectionString: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/learnloop`,
    });
    await client.connect();
    const passwordHash = await hash(PASSWORD, { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    const emails = Array.from({ length: LEARNERS }, (_, i) => `load-${i}@bench.learnloop`);
    const ids: string[] = [];
    for (const email of emails) {
      const id = randomUUID();
      ids.push(id);
      await client.query(`INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt") VALUES ($1, $2, $3, $4, now())`, [
        id,
        email,
        email.split("@")[0],
        passwordHash,
      ]);
    }

    // The course with the most lessons that has a graded quiz: every learner enrolls in it.
    const anonymous = new Learner(base, "");
    const slugs = (await anonymous.query<{ slug: string }[]>("setup", "catalog.list", {})).map((entry) => entry.slug);
    let course: Course | null = null;
    let quizLesson = "";
    for (const slug of slugs) {
      const candidate = await anonymous.query<Course>("setup", "catalog.get", { slug });
      const withQuiz = candidate.lessons.find((lesson) => lesson.sections.some((section) => section.type === "quiz"));
      if (withQuiz && (!course || candidate.lessons.length > course.lessons.length)) {
        course = candidate;
        quizLesson = withQuiz.slug;
      }
    }
    if (!course) throw new Error("the demo content has no course with a quiz");
    const chosen = course;
    const lessons: Lesson[] = await Promise.all(
      chosen.lessons.map(async (lesson) => ({
        slug: lesson.slug,
        lesson: (
          await anonymous.query<Omit<Lesson, "slug">>("setup", "catalog.lesson", {
            courseSlug: chosen.slug,
            lessonSlug: lesson.slug,
          })
        ).lesson,
      })),
    );

    // Sign in one after the other (a burst of sign-ins from one address is what the limits refuse).
    const learners = emails.map((email) => new Learner(base, email));
    for (const learner of learners) await learner.signIn();
    for (const learner of learners) {
      await learner.mutate("setup", "enrollment.enroll", { courseSlug: chosen.slug });
      for (const lesson of lessons) await learner.mutate("setup", "review.addLessonCards", { lessonId: lesson.lesson.id });
    }
    samples.length = 0;

    const load = os.loadavg()[0]!;
    const started = Date.now();
    const until = started + SECONDS * 1000;
    await Promise.all(learners.map((learner, i) => learnerLoop(learner, ids[i]!, chosen, lessons, quizLesson, until)));
    const wall = (Date.now() - started) / 1000;
    const loadAfter = os.loadavg()[0]!;

    // Every acknowledged write, looked up.
    const missing: string[] = [];
    const attempts = await client.query<{ id: string; state: string; answers: number; xp: number }>(
      `SELECT a.id, a.state, (SELECT count(*)::int FROM "QuizAnswer" q WHERE q."attemptId" = a.id) AS answers,
              (SELECT count(*)::int FROM "XpEvent" x WHERE x.source = 'quiz' AND x."sourceId" = a.id) AS xp
       FROM "QuizAttempt" a WHERE a.id = ANY($1)`,
      [[...acknowledged.finishedAttempts.keys()]],
    );
    const attemptOf = new Map(attempts.rows.map((row) => [row.id, row]));
    for (const [id, answered] of acknowledged.finishedAttempts) {
      const row = attemptOf.get(id);
      if (!row || row.state !== "FINISHED" || row.answers !== answered || row.xp !== 1)
        missing.push(`quiz attempt ${id} (${JSON.stringify(row ?? null)}, ${answered} answers acknowledged)`);
    }
    const reviews = await client.query<{ id: string }>(`SELECT "reviewId" AS id FROM "ReviewLog" WHERE "reviewId" = ANY($1)`, [
      [...acknowledged.reviews],
    ]);
    const reviewed = new Set(reviews.rows.map((row) => row.id));
    for (const id of acknowledged.reviews) if (!reviewed.has(id)) missing.push(`review ${id}`);
    const games = await client.query<{ id: string }>(`SELECT id FROM "GameSession" WHERE id = ANY($1) AND status = 'FINISHED'`, [
      [...acknowledged.games],
    ]);
    const finishedGames = new Set(games.rows.map((row) => row.id));
    for (const id of acknowledged.games) if (!finishedGames.has(id)) missing.push(`game ${id}`);
    let progressWrites = 0;
    for (const [userId, sections] of acknowledged.progress) {
      progressWrites += sections.size;
      const rows = await client.query<{ sectionId: string }>(
        `SELECT "sectionId" FROM "SectionProgress" WHERE "userId" = $1 AND "completedAt" IS NOT NULL AND "sectionId" = ANY($2)`,
        [userId, [...sections]],
      );
      if (rows.rowCount !== sections.size) missing.push(`progress of ${userId}: ${rows.rowCount} of ${sections.size} sections`);
    }

    const fivexx = samples.filter((sample) => sample.status >= 500);
    const steps = [...new Set(samples.map((sample) => sample.step))].sort();
    const ms = (value: number) => value.toFixed(0);
    const row = (name: string, list: Sample[]) => {
      const times = list.map((sample) => sample.ms);
      return `| ${name} | ${list.length} | ${list.filter((sample) => sample.status >= 500).length} | ${list.filter((sample) => sample.status >= 400 && sample.status < 500).length} | ${ms(percentile(times, 50))} | ${ms(percentile(times, 95))} | ${ms(percentile(times, 99))} | ${ms(Math.max(...times))} |`;
    };
    const writes = acknowledged.finishedAttempts.size + acknowledged.reviews.size + acknowledged.games.size + progressWrites;
    const lines = [
      `## ${new Date().toISOString()}: ${LEARNERS} signed-in learners for ${SECONDS} s`,
      "",
      `${os.cpus().length} cores (${os.cpus()[0]?.model ?? "unknown CPU"}), node ${process.version}, one app process with the default pool (DB_POOL_MAX ${process.env.DB_POOL_MAX ?? 10}), embedded PostgreSQL; load average ${load.toFixed(1)} before, ${loadAfter.toFixed(1)} after. Think time 0.3–1.5 s between steps.`,
      "",
      `Requests: ${samples.length} in ${wall.toFixed(0)} s (${(samples.length / wall).toFixed(1)}/s); 5xx: **${fivexx.length}**; failed steps: ${errors.length}. Acknowledged writes checked afterwards: ${writes} (${acknowledged.finishedAttempts.size} finished quizzes with their answers and XP, ${acknowledged.reviews.size} reviews, ${acknowledged.games.size} games, ${progressWrites} sections); missing: **${missing.length}**.`,
      "",
      "| step | requests | 5xx | 4xx | p50 ms | p95 ms | p99 ms | max ms |",
      "|---|---:|---:|---:|---:|---:|---:|---:|",
      row("**all**", samples),
      ...steps.map((step) =>
        row(
          step,
          samples.filter((sample) => sample.step === step),
        ),
      ),
    ];
    if (errors.length)
      lines.push(
        "",
        "Failed steps (first 10):",
        ...errors.slice(0, 10).map((error) => `- ${error.message.replace(/\s+/g, " ").slice(0, 300)}`),
      );
    if (missing.length) lines.push("", "Missing writes (first 10):", ...missing.slice(0, 10).map((entry) => `- ${entry}`));
    const internal = log()
      .split("\n")
      .filter((line) => /internal error|Transaction API error|P20\d\d|Error:/.test(line));
    if (internal.length) lines.push("", "Server errors in the app's log (first 10):", ...internal.slice(0, 10).map((line) => `- ${line.trim().slice(0, 300)}`));
    const report = lines.join("\n");
    console.log(report);
    // Earlier runs stay below the newest one.
    const file = path.join(root, "bench", "results", "load.md");
    mkdirSync(path.dirname(file), { recursive: true });
    const title = "# Load: a class of signed-in learners at once (`npm run bench -- load`)\n\n";
    const previous = existsSync(file) ? readFileSync(file, "utf8").replace(title, "") : "";
    writeFileSync(file, `${title}${report}\n\n${previous}`.trimEnd() + "\n");
    if (fivexx.length || missing.length) process.exitCode = 1;
  } catch (error) {
    console.error(log().slice(-5000));
    throw error;
  } finally {
    await client?.end();
    await app?.stop();
    cleanup();
  }
}

await main();
