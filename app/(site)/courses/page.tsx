import type { Metadata } from "next";
import { PageHeader } from "../../_components/page-header";

export const metadata: Metadata = { title: "Courses" };

export default function CoursesPage() {
  return (
    <div>
      <PageHeader title="Courses">Business, technology and design courses, each topic in many formats.</PageHeader>
      <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-700 dark:border-slate-700 dark:text-slate-300">
        No courses are published on this site yet. Instructors publish them from the Studio.
      </p>
    </div>
  );
}
