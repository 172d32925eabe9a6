import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/app/_auth/access";
import { PageHeader } from "@/app/_components/page-header";
import { getServerCaller } from "@/app/_trpc/server";
import { ImportZip } from "./import-zip";

export const metadata: Metadata = { title: "Studio" };

export default async function StudioPage() {
  const viewer = await requireRole("/studio", ["INSTRUCTOR", "ADMIN"]);
  const caller = await getServerCaller();
  const [summary, courses] = await Promise.all([caller.studio.summary(), caller.studio.list()]);
  const date = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: viewer.timezone });
  return (
    <div className="space-y-8">
      <PageHeader title="Studio">Author courses and follow your learners&apos; progress.</PageHeader>
      <dl className="grid gap-4 sm:grid-cols-3">
        <div className="rounded-lg border border-slate-200 p-5 dark:border-slate-800">
          <dt className="text-sm text-slate-600 dark:text-slate-400">Learners on this site</dt>
          <dd className="mt-1 text-2xl font-bold">{summary.learners}</dd>
        </div>
        <div className="rounded-lg border border-slate-200 p-5 dark:border-slate-800">
          <dt className="text-sm text-slate-600 dark:text-slate-400">{viewer.role === "ADMIN" ? "Courses (all, as an admin)" : "Your courses"}</dt>
          <dd className="mt-1 text-2xl font-bold">{courses.length}</dd>
        </div>
      </dl>

      <section aria-labelledby="courses-heading" className="space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-4">
          <h2 id="courses-heading" className="text-xl font-semibold">
            Courses
          </h2>
          <Link href="/studio/courses/new" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
            New course
          </Link>
        </div>
        {courses.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-700 dark:border-slate-700 dark:text-slate-300">
            You have no course yet. Start a new one, or import a course zip below.
          </p>
        ) : (
          <div className="relative overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Courses you can edit</caption>
              <thead className="border-b border-slate-200 dark:border-slate-800">
                <tr>
                  <th scope="col" className="py-2 pr-4">Course</th>
                  <th scope="col" className="py-2 pr-4">Status</th>
                  <th scope="col" className="py-2 pr-4">Lessons</th>
                  <th scope="col" className="py-2 pr-4">Learners</th>
                  <th scope="col" className="py-2 pr-4">Updated</th>
                  <th scope="col" className="py-2"><span className="sr-only">Class view</span></th>
                </tr>
              </thead>
              <tbody>
                {courses.map((course) => (
                  <tr key={course.slug} className="border-b border-slate-100 dark:border-slate-900">
                    <td className="py-2 pr-4">
                      <Link href={`/studio/courses/${course.slug}`} className="font-medium underline underline-offset-2">
                        {course.title}
                      </Link>
                      <span className="block text-xs text-slate-600 dark:text-slate-400">{course.category.title}</span>
                    </td>
                    <td className="py-2 pr-4">{course.status === "PUBLISHED" ? (course.hasDraft ? "Published, with unpublished changes" : "Published") : "Draft"}</td>
                    <td className="py-2 pr-4">{course.lessonCount}</td>
                    <td className="py-2 pr-4">{course.learnerCount}</td>
                    <td className="py-2 pr-4">{date.format(course.updatedAt)}</td>
                    <td className="py-2">
                      <Link href={`/studio/courses/${course.slug}/class`} className="underline underline-offset-2" aria-label={`Class view: ${course.title}`}>
                        Class view
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="import-heading" className="space-y-3">
        <h2 id="import-heading" className="text-xl font-semibold">
          Import a course
        </h2>
        <p className="max-w-3xl text-sm text-slate-700 dark:text-slate-300">
          Upload a zip of a course folder in the content format: <code>course.yaml</code> and <code>lessons/&lt;slug&gt;.yaml</code>. It is checked as{" "}
          <code>npm run content:check</code> checks files; a new course arrives as a draft you own, and a course of yours with the same slug is updated in place.
        </p>
        <ImportZip />
      </section>
    </div>
  );
}
