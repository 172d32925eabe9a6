// `npm run content:check [content-dir]`: validates content/ (or the given folder) and prints every
// problem as `file.yaml:LINE: field: sentence`. Exits 1 when there is any.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { formatProblem } from "../../lib/content/load.ts";
import { checkContent } from "../../server/content/snapshot.ts";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const root = path.resolve(process.argv[2] ?? path.join(projectRoot, "content"));
const shown = path.relative(process.cwd(), root) || ".";

const result = await checkContent({ root });
if (result.ok) {
  const { courses, lessons, items } = result.stats;
  console.log(
    `Content OK: ${courses} ${courses === 1 ? "course" : "courses"}, ${lessons} ${lessons === 1 ? "lesson" : "lessons"}, ${items} ${items === 1 ? "item" : "items"}.`,
  );
} else {
  for (const problem of result.problems) console.error(formatProblem(problem, shown));
  const count = result.problems.length;
  console.error(`\n${count} ${count === 1 ? "problem" : "problems"} in ${shown}.`);
  process.exit(1);
}
