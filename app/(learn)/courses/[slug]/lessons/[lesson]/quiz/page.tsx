import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireViewer } from "@/app/_auth/access";
import { getServerCaller } from "@/app/_trpc/server";
import { isNotFound } from "@/app/_trpc/not-found";
import { LessonQuiz } from "@/app/(learn)/_quiz/start-screen";

type Params = Promise<{ slug: string; lesson: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export const metadata: Metadata = { title: "Quiz" };

export default async function LessonQuizPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { slug, lesson } = await params;
  const { attempt: attemptParam } = await searchParams;
  const attemptId = typeof attemptParam === "string" ? attemptParam : null;
  const viewer = await requireViewer(`/courses/${slug}/lessons/${lesson}/quiz${attemptId ? `?attempt=${encodeURIComponent(attemptId)}` : ""}`);
  const caller = await getServerCaller();
  let overview;
  try {
    overview = await caller.quiz.overview({ courseSlug: slug, lessonSlug: lesson });
  } catch (error) {
    if (isNotFound(error)) notFound();
    throw error;
  }
  let attempt = null;
  if (attemptId) {
    try {
      attempt = await caller.quiz.attempt({ attemptId });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    // An attempt of another quiz (or someone else's) is not resumed here.
    if (attempt && (attempt.quiz.course.slug !== slug || attempt.quiz.lesson.slug !== lesson)) attempt = null;
  }
  return <LessonQuiz overview={overview} initialAttempt={attempt} canHost={viewer.role === "INSTRUCTOR" || viewer.role === "ADMIN"} />;
}
