import type { Metadata } from "next";
import Link from "next/link";
import { LEVELS } from "@/lib/content/schema";
import { PageHeader } from "@/app/_components/page-header";
import { getServerCaller } from "@/app/_trpc/server";
import { catalogListInput } from "@/lib/catalog/schemas";

export const metadata: Metadata = { title: "Courses" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function levelLabel(level: string) {
  return level.charAt(0).toUpperCase() + level.slice(1);
}

export default async function CoursesPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;
  // Unknown filter values are dropped rather than failing the page.
  const parsed = catalogListInput.safeParse({ category: first(params.category), level: first(params.level), query: first(params.q) });
  const filters = parsed.success ? parsed.data : {};
  const caller = await getServerCaller();
  const [categories, courses] = await Promise.all([caller.catalog.categories(), caller.catalog.list(filters)]);

  return (
    <div className="space-y-8">
      <PageHeader title="Courses">Business, technology and design courses, each topic in many formats.</PageHeader>
      {/* Keyed by the filters so a client-side navigation (e.g. "Clear filters") resets the fields. */}
      <form key={JSON.stringify(filters)} method="get" role="search" aria-label="Filter courses" className="flex flex-wrap items-end gap-4">
        <div className="space-y-1">
          <label htmlFor="q" className="block text-sm font-medium">Search title or tag</label>
          <input id="q" name="q" type="search" defaultValue={filters.query ?? ""} className="rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-900" />
        </div>
        <div className="space-y-1">
          <label htmlFor="category" className="block text-sm font-medium">Category</label>
          <select id="category" name="category" defaultValue={filters.category ?? ""} className="rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-900">
            <option value="">All categories</option>
            {categories.map((category) => (
              <option key={category.slug} value={category.slug}>{category.title}</option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="level" className="block text-sm font-medium">Level</label>
          <select id="level" name="level" defaultValue={filters.level ?? ""} className="rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-900">
            <option value="">All levels</option>
            {LEVELS.map((level) => (
              <option key={level} value={level}>{levelLabel(level)}</option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">Apply filters</button>
        {filters.query || filters.category || filters.level ? (
          <Link href="/courses" className="py-2 text-sm text-brand-600 underline dark:text-brand-100">Clear filters</Link>
        ) : null}
      </form>

      <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
        {courses.length === 1 ? "1 course" : `${courses.length} courses`}
      </p>
      {courses.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-700 dark:border-slate-700 dark:text-slate-300">
          No published course matches these filters.
        </p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {courses.map((course) => (
            <li key={course.id} className="flex flex-col rounded-lg border border-slate-200 p-5 dark:border-slate-800">
              <p className="text-xs font-semibold uppercase tracking-wide text-brand-600 dark:text-brand-100">
                {course.category.title} · {levelLabel(course.level)}
              </p>
              <h2 className="mt-2 text-lg font-semibold">
                <Link href={`/courses/${course.slug}`} className="hover:underline">{course.title}</Link>
              </h2>
              <p className="mt-2 flex-1 text-sm text-slate-700 dark:text-slate-300">{course.summary}</p>
              <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">
                {course.lessonCount} lessons · about {course.estimatedMinutes} min
                {course.enrolled ? <span className="ml-2 rounded bg-green-100 px-2 py-0.5 text-xs font-semibold text-green-800 dark:bg-green-900 dark:text-green-100">Enrolled</span> : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
