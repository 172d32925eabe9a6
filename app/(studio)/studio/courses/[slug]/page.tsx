import type { Metadata } from "next";
import { getServerCaller } from "@/app/_trpc/server";
import { CourseEditor } from "./course-editor";
import { loadStudioCourse } from "./load";

type Params = Promise<{ slug: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { slug } = await params;
  const course = await loadStudioCourse(slug, `/studio/courses/${slug}`);
  return { title: `Edit ${course.title}` };
}

export default async function StudioCoursePage({ params }: { params: Params }) {
  const { slug } = await params;
  const course = await loadStudioCourse(slug, `/studio/courses/${slug}`);
  const categories = await (await getServerCaller()).catalog.categories();
  return <CourseEditor initial={course} categories={categories} />;
}
