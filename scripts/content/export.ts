// `npm run content:export -- <course-slug> [out-dir]`: writes a course from the database back to
// files (default: content/courses/<slug>), in the format `content:check` and `content:import` read.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createPrismaClient } from "../../server/db-client.ts";
import { exportCourse } from "../../server/content/exporter.ts";
import { withDatabase } from "../db/with-database.ts";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const [slug, outArg] = process.argv.slice(2);
if (!slug || process.argv.length > 4) {
  console.error("Give a course slug and optionally a folder, e.g. `npm run content:export -- transfer-learning [out-dir]`.");
  process.exit(1);
}
const outDir = path.resolve(outArg ?? path.join(projectRoot, "content", "courses", slug));

try {
  await withDatabase(async ({ databaseUrl, description }) => {
    const db = createPrismaClient({ databaseUrl, max: 1 });
    try {
      const { files } = await exportCourse({ slug, outDir }, db);
      console.log(
        `Exported "${slug}" from ${description}:\n${files.map((file) => `  ${path.relative(process.cwd(), file)}`).join("\n")}`,
      );
    } finally {
      await db.$disconnect();
    }
  });
} catch (error) {
  console.error(`content:export failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
