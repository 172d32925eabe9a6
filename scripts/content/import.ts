// `npm run content:import [content-dir]`: validates content/ and imports it into the database
// (DATABASE_URL, else the embedded one). Re-running it is safe: unchanged rows stay untouched.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createPrismaClient } from "../../server/db-client.ts";
import { ContentValidationError, describeImportReport, importContent } from "../../server/content/importer.ts";
import { applyMigrations } from "../db/migrations.ts";
import { withDatabase } from "../db/with-database.ts";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const root = path.resolve(process.argv[2] ?? path.join(projectRoot, "content"));

try {
  await withDatabase(async ({ databaseUrl, description, embedded }) => {
    if (embedded) await applyMigrations({ databaseUrl });
    const db = createPrismaClient({ databaseUrl, max: 1 });
    try {
      const report = await importContent({ root }, db);
      console.log(
        `Imported ${path.relative(process.cwd(), root) || "."} into ${description}:\n  ${describeImportReport(report).replaceAll(" · ", "\n  ")}`,
      );
      // A studio draft was made from the version before this import: publishing it as it is would
      // undo what the files just changed, so its instructors should review it first.
      const drafted = await db.course.findMany({ where: { draft: { isNot: null } }, orderBy: { slug: "asc" }, select: { slug: true } });
      if (drafted.length > 0) {
        console.warn(
          `These courses have unpublished studio edits made before this import; review their changes in the studio before publishing (publishing writes the draft over what was imported): ${drafted.map((course) => course.slug).join(", ")}`,
        );
      }
    } finally {
      await db.$disconnect();
    }
  });
} catch (error) {
  console.error(
    error instanceof ContentValidationError
      ? error.message
      : `content:import failed: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
}
