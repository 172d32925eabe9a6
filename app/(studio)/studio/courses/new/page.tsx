import type { Metadata } from "next";
import { requireRole } from "@/app/_auth/access";
import { PageHeader } from "@/app/_components/page-header";
import { getServerCaller } from "@/app/_trpc/server";
import { NewCourseForm } from "./new-course-form";

export const metadata: Metadata = { title: "New course" };

export default async function NewCoursePage() {
  await requireRole("/studio/courses/new", ["INSTRUCTOR", "ADMIN"]);
  const categories = await (await getServerCaller()).catalog.categories();
  return (
    <div className="max-w-2xl">
      <PageHeader title="New course">Start with a title; you fill in the rest, and write the lessons, in the editor. The course stays a draft until you publish it.</PageHeader>
      <NewCourseForm categories={categories} />
    </div>
  );
}
