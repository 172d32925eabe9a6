import type { Metadata } from "next";
import Link from "next/link";
import { requireViewer } from "@/app/_auth/access";
import { PageHeader } from "@/app/_components/page-header";
import { getServerCaller } from "@/app/_trpc/server";
import { CourseResume } from "./course-resume";

export const metadata: Metadata = { title: "My courses" };

export default async function MyCoursesPage() {
  await requireViewer("/my-courses");
  const courses = await (await getServerCaller()).enrollment.mine();
  return (
    <div className="space-y-6">
      <PageHeader title="My courses">The courses you are enrolled in, with where to pick up.</PageHeader>
      {courses.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-700 dark:border-slate-700 dark:text-slate-300">
          You are not enrolled in any course yet. <Link href="/courses" className="text-brand-600 underline dark:text-brand-100">Browse the catalog</Link>.
        </p>
      ) : (
        <ul className="space-y-4">
          {courses.map((course) => (
            <li key={course.slug} className="rounded-lg border border-slate-200 p-5 dark:border-slate-800">
              <p className="text-xs font-semibold uppercase tracking-wide text-brand-600 dark:text-brand-100">{course.category.title}</p>
              <h2 className="mt-1 text-lg font-semibold">
                <Link href={`/courses/${course.slug}`} className="hover:underline">{course.title}</Link>
              </h2>
              <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">{course.summary}</p>
              <CourseResume courseSlug={course.slug} firstLesson={course.nextLesson} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
