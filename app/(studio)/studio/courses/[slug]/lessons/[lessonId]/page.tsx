import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LessonEditor } from "@/app/(studio)/studio/_editor/lesson-editor";
import type { LessonDraft } from "@/app/(studio)/studio/_editor/draft";
import { loadStudioCourse } from "@/app/(studio)/studio/courses/[slug]/load";

type Params = Promise<{ slug: string; lessonId: string }>;

async function load(params: Params) {
  const { slug, lessonId } = await params;
  const course = await loadStudioCourse(slug, `/studio/courses/${slug}/lessons/${lessonId}`);
  const lesson = course.lessons.find((candidate) => candidate.id === lessonId);
  if (!lesson) notFound();
  return { course, lesson };
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { lesson } = await load(params);
  return { title: `Edit ${lesson.title}` };
}

export default async function StudioLessonPage({ params }: { params: Params }) {
  const { course, lesson } = await load(params);
  return (
    <LessonEditor
      // A lesson opened again starts from what is stored.
      key={lesson.id}
      course={{ slug: course.slug, title: course.title, status: course.status }}
      lessonId={lesson.id}
      initial={lesson.file as LessonDraft}
      initialProblems={lesson.problems}
    />
  );
}
