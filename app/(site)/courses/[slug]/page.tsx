import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SECTION_LABEL } from "@/lib/content/structure";
import type { SectionType } from "@/lib/content/schema";
import { Alert } from "@/app/_components/alert";
import { Markdown } from "@/app/_components/markdown";
import { getViewer } from "@/server/auth/viewer";
import { getServerCaller } from "@/app/_trpc/server";
import { isNotFound } from "@/app/_trpc/not-found";
import { CourseProgress } from "./course-progress";
import { EnrollButton } from "./enroll-button";
import { Check } from "lucide-react";

type Params = Promise<{ slug: string }>;

/**
 * The enrolled learner's next step: where they left off when there is progress, else lesson 1 (or
 * the first lesson not yet done, when the last section touched was in a finished lesson).
 */
function startLink(
  course: { slug: string; lessons: { id: string; slug: string; title: string }[] },
  lessonDone: Set<string>,
  resume: { href: string; lesson: { title: string }; section: { type: SectionType } } | null,
) {
  if (course.lessons.length === 0) return null;
  if (resume) return { href: resume.href, label: `Continue where you left off: ${resume.lesson.title} · ${SECTION_LABEL[resume.section.type]}` };
  const index = Math.max(0, course.lessons.findIndex((lesson) => !lessonDone.has(lesson.id)));
  const lesson = course.lessons[index]!;
  return { href: `/courses/${course.slug}/lessons/${lesson.slug}`, label: index === 0 && lessonDone.size === 0 ? `Start lesson 1: ${lesson.title}` : `Continue: ${lesson.title}` };
}

async function loadCourse(slug: string) {
  const caller = await getServerCaller();
  try {
    return await caller.catalog.get({ slug });
  } catch (error) {
    if (isNotFound(error)) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const course = await loadCourse((await params).slug);
  return { title: course.title, description: course.summary };
}

export default async function CoursePage({ params }: { params: Params }) {
  const { slug } = await params;
  const [course, viewer] = await Promise.all([loadCourse(slug), getViewer()]);
  const signedIn = Boolean(viewer);
  const progress = viewer && course.enrolled ? await (await getServerCaller()).progress.course({ courseSlug: course.slug }) : null;
  const lessonDone = new Set(progress?.completedLessonIds ?? []);
  return (
    <article className="space-y-8">
      {course.preview ? <Alert tone="info">Draft preview: learners cannot see this course until it is published.</Alert> : null}
      <header className="space-y-3">
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-600 dark:text-brand-100">
          <Link href={`/courses?category=${course.category.slug}`} className="hover:underline">{course.category.title}</Link> · {course.level}
        </p>
        <h1 className="text-3xl font-bold tracking-tight">{course.title}</h1>
        <p className="max-w-3xl text-lg text-slate-700 dark:text-slate-300">{course.summary}</p>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {course.lessons.length} lessons · about {course.estimatedMinutes} min · by {[...course.authors, ...course.instructors.filter((name) => !course.authors.includes(name))].join(", ")}
        </p>
        {course.preview ? null : signedIn ? (
          <EnrollButton courseSlug={course.slug} enrolled={course.enrolled} start={course.enrolled ? startLink(course, lessonDone, progress?.resume ?? null) : null} />
        ) : (
          <Link href={`/sign-in?callbackUrl=${encodeURIComponent(`/courses/${course.slug}`)}`} className="inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
            Sign in to enroll
          </Link>
        )}
        {course.enrolled ? <p className="text-sm font-medium text-green-700 dark:text-green-300">You are enrolled in this course.</p> : null}
        {progress ? <CourseProgress percent={progress.percent} lessonsDone={progress.lessonsDone} lessonCount={progress.lessonCount} /> : null}
      </header>

      <section aria-labelledby="about-heading" className="max-w-3xl space-y-3">
        <h2 id="about-heading" className="text-xl font-semibold">About this course</h2>
        <Markdown>{course.description}</Markdown>
        {course.tags.length ? (
          <ul aria-label="Tags" className="flex flex-wrap gap-2">
            {course.tags.map((tag) => (
              <li key={tag}>
                <Link href={`/courses?q=${tag}`} className="rounded-full bg-slate-100 px-3 py-1 text-xs hover:underline dark:bg-slate-800">#{tag}</Link>
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      <section aria-labelledby="syllabus-heading" className="space-y-4">
        <h2 id="syllabus-heading" className="text-xl font-semibold">Syllabus</h2>
        <ol className="space-y-3">
          {course.lessons.map((lesson, index) => (
            <li key={lesson.id} className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
              <h3 className="font-semibold">
                <Link href={`/courses/${course.slug}/lessons/${lesson.slug}`} className="hover:underline">
                  {index + 1}. {lesson.title}
                </Link>
                {lessonDone.has(lesson.id) ? (
                  <span className="ml-2 inline-flex items-center gap-1 rounded-full bg-green-100 px-2 py-0.5 text-xs font-medium text-green-800 dark:bg-green-950 dark:text-green-200">
                    <Check aria-hidden="true" className="h-3 w-3" />
                    Done
                  </span>
                ) : null}
              </h3>
              <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">{lesson.summary}</p>
              <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
                About {lesson.estimatedMinutes} min · {lesson.sections.map((section) => SECTION_LABEL[section.type as SectionType] ?? section.type).join(" · ")}
              </p>
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
