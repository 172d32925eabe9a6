// `npm run bench -- studio`: what a studio save and a publish cost now that every catalog write goes
// through the importer's writeCourse, through the tRPC router (zod, access checks, services, Prisma)
// on a throwaway embedded PostgreSQL holding the shipped catalog. Side by side, in one run, on two
// copies of the largest shipped course:
//   1. saveLesson on a never-published copy: the whole course document is written to the rows.
//   2. saveLesson on the published course: the document is kept as its draft (one JSON row).
//   3. publish of the published course after one saved change: the draft goes to the rows.
// Each save changes one key concept's text, so every call writes something.
// Writes bench/results/studio.md. BENCH_STUDIO_SAVES tunes the number of calls.
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import "../server/server-only-hook.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SAVES = Number(process.env.BENCH_STUDIO_SAVES ?? 40);

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    mean: times.reduce((sum, time) => sum + time, 0) / times.length,
  };
}

async function main() {
  const loadAtStart = os.loadavg()[0]!.toFixed(1);
  const { withThrowawayDatabase } = await import("../scripts/harness/database.ts");
  await withThrowawayDatabase("learnloop-bench-studio-", async () => {
    const { db } = await import("../server/db.ts");
    const { createCaller } = await import("../server/router.ts");
    const { createContextFor } = await import("../server/trpc.ts");
    const { authUserSelect } = await import("../server/auth/service.ts");
    const { importContent } = await import("../server/content/importer.ts");
    await importContent({ root: path.join(root, "content") }, db);

    // The largest shipped course, by content items, and a never-published copy of it.
    const courses = await db.course.findMany({
      select: {
        slug: true,
        _count: { select: { lessons: true } },
        lessons: { select: { sections: { select: { _count: { select: { items: true } } } } } },
      },
    });
    const items = (course: (typeof courses)[number]) =>
      course.lessons.reduce(
        (sum, lesson) => sum + lesson.sections.reduce((inner, section) => inner + section._count.items, 0),
        0,
      );
    const largest = courses.sort((a, b) => items(b) - items(a))[0]!;
    const instructor = await db.user.create({
      data: { email: "bench@studio.learnloop", name: "Bench Instructor", role: "INSTRUCTOR" },
      select: authUserSelect,
    });
    const studio = createCaller(createContextFor(instructor)).studio;
    const published = await db.course.findUniqueOrThrow({ where: { slug: largest.slug }, select: { id: true } });
    await db.courseOwner.create({ data: { courseId: published.id, userId: instructor.id } });
    await db.courseOwner.deleteMany({ where: { courseId: published.id, userId: { not: instructor.id } } });
    const exported = await studio.exportZip({ slug: largest.slug });
    const copySlug = `${largest.slug}-copy`;
    const { strFromU8, strToU8, unzipSync, zipSync } = await import("fflate");
    const files = unzipSync(new Uint8Array(Buffer.from(exported.zipBase64, "base64")));
    const renamed = Object.fromEntries(
      Object.entries(files).map(([name, bytes]) => [
        name.replace(`${largest.slug}/`, `${copySlug}/`),
        name.endsWith("course.yaml")
          ? strToU8(
              strFromU8(bytes)
                .replace(`slug: ${largest.slug}`, `slug: ${copySlug}`)
                .replace(/^status: .*$/m, "status: draft"),
            )
          : bytes,
      ]),
    );
    const imported = await studio.importZip({ zipBase64: Buffer.from(zipSync(renamed)).toString("base64") });
    if (!imported.ok) throw new Error("the copy did not import");
    await db.course.update({ where: { slug: copySlug }, data: { status: "DRAFT" } });

    const firstLesson = async (slug: string) => {
      const course = await studio.get({ slug });
      const lesson = course.lessons.find(
        (candidate) => candidate.file.sections && JSON.stringify(candidate.file).includes('"key-concepts"'),
      )!;
      return { lessonId: lesson.id, file: lesson.file as { sections: { type: string; items?: { explanation?: string }[] }[] } };
    };
    const edited = (file: { sections: { type: string; items?: { explanation?: string }[] }[] }, round: number) => {
      const copy = structuredClone(file);
      const concepts = copy.sections.find((section) => section.type === "key-concepts")!;
      concepts.items![0]!.explanation = `${concepts.items![0]!.explanation ?? ""} (revision ${round})`;
      return copy;
    };

    async function timeSaves(slug: string): Promise<number[]> {
      const { lessonId, file } = await firstLesson(slug);
      const times: number[] = [];
      for (let round = 0; round < SAVES + 5; round++) {
        const started = performance.now();
        const saved = await studio.saveLesson({ slug, lessonId, lesson: edited(file, round) });
        const elapsed = performance.now() - started;
        if (!saved.ok) throw new Error(`save refused: ${JSON.stringify(saved.problems)}`);
        if (round >= 5) times.push(elapsed);
      }
      return times;
    }

    console.log(`Course: ${largest.slug} (${largest._count.lessons} lessons, ${items(largest)} items); ${SAVES} saves each…`);
    // Interleaved in rounds, so drift in the machine's load falls on both alike.
    const applied: number[] = [];
    const drafted: number[] = [];
    for (let block = 0; block < 4; block++) {
      applied.push(...(await timeSaves(copySlug)).slice(0, Math.ceil(SAVES / 4)));
      drafted.push(...(await timeSaves(largest.slug)).slice(0, Math.ceil(SAVES / 4)));
    }
    const publishes: number[] = [];
    const { lessonId, file } = await firstLesson(largest.slug);
    for (let round = 0; round < Math.max(5, Math.ceil(SAVES / 4)); round++) {
      await studio.saveLesson({ slug: largest.slug, lessonId, lesson: edited(file, 1_000 + round) });
      const started = performance.now();
      await studio.publish({ slug: largest.slug });
      publishes.push(performance.now() - started);
    }

    const a = summary(applied);
    const b = summary(drafted);
    const c = summary(publishes);
    const ms = (value: number) => `${value.toFixed(1)} ms`;
    const rows = [
      ["saveLesson, never-published course (writes the rows)", a, applied.length],
      ["saveLesson, published course (writes its draft)", b, drafted.length],
      ["publish after one saved change", c, publishes.length],
    ] as const;
    const report = [
      `Learnloop studio benchmark — ${new Date().toISOString()} — ${os.cpus().length} cores, Node ${process.versions.node}, load average ${loadAtStart} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end, embedded PostgreSQL`,
      "",
      `Course: ${largest.slug}, ${largest._count.lessons} lessons, ${items(largest)} content items.`,
      "",
      "| operation | calls | p50 | p99 | mean |",
      "|---|---|---|---|---|",
      ...rows.map(([name, stats, calls]) => `| ${name} | ${calls} | ${ms(stats.p50)} | ${ms(stats.p99)} | ${ms(stats.mean)} |`),
      "",
      `Ratio (p50): a save that writes the rows costs ${(a.p50 / b.p50).toFixed(2)}× a save kept as a draft; a publish costs ${(c.p50 / b.p50).toFixed(2)}× a draft save.`,
    ].join("\n");
    console.log(report);
    mkdirSync(path.join(root, "bench", "results"), { recursive: true });
    writeFileSync(path.join(root, "bench", "results", "studio.md"), `${report}\n`);
    await db.$disconnect();
  });
}

await main();
