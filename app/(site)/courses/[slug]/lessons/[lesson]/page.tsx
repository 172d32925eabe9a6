import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { after } from "next/server";
import { cache, Suspense } from "react";
import { SECTION_LABEL } from "@/lib/content/structure";
import { Alert } from "@/app/_components/alert";
import { requireViewer } from "@/app/_auth/access";
import { getServerCaller } from "@/app/_trpc/server";
import { isNotFound } from "@/app/_trpc/not-found";
import { EnrollButton } from "@/app/(site)/courses/[slug]/enroll-button";
import { LessonProgressProvider, type SectionProgressState } from "./progress-provider";
import { FormatDone, LessonProgressSummary } from "./section-status";
import { renderMeasures } from "./measures";
import { LessonSectionView } from "./section-view";

type Params = Promise<{ slug: string; lesson: string }>;

// Metadata and page both need the lesson: load it once per request.
const loadLesson = cache(async (courseSlug: string, lessonSlug: string) => {
  const caller = await getServerCaller();
  try {
    return await caller.catalog.lesson({ courseSlug, lessonSlug });
  } catch (error) {
    if (isNotFound(error)) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { slug, lesson } = await params;
  const data = await loadLesson(slug, lesson);
  return { title: `${data.lesson.title} · ${data.course.title}` };
}

type LessonData = Awaited<ReturnType<typeof loadLesson>>;
type LessonProgress = Awaited<ReturnType<Awaited<ReturnType<typeof getServerCaller>>["progress"]["lesson"]>>;

export default async function LessonPage({ params }: { params: Params }) {
  const { slug, lesson: lessonSlug } = await params;
  const viewer = await requireViewer(`/courses/${slug}/lessons/${lessonSlug}`);
  // Sentences that cite the lab's measurements or a source render the figure or the citation.
  const loaded = await loadLesson(slug, lessonSlug);
  const data = { ...loaded, lesson: await renderMeasures(loaded.lesson) };
  const { course, lesson } = data;
  // The lesson itself comes from the published-content cache; the learner's progress is read
  // while the heading is already on its way, and the rest of the page streams in behind it.
  // A draft preview has no progress: only published courses are studied.
  const progress: Promise<LessonProgress | null> = course.preview ? Promise.resolve(null) : getServerCaller().then((caller) => caller.progress.lesson({ lessonId: lesson.id }));
  return (
    <article className="space-y-8">
      {course.preview ? <Alert tone="info">Draft preview: learners cannot see this lesson until the course is published.</Alert> : null}
      <header className="space-y-3">
        <nav aria-label="Breadcrumb" className="text-sm">
          <Link href={`/courses/${course.slug}`} className="text-brand-600 underline dark:text-brand-100">
            {course.title}
          </Link>
          <Suspense fallback={null}>
            <CoursePercent progress={progress} />
          </Suspense>
        </nav>
        <h1 className="text-3xl font-bold tracking-tight">{lesson.title}</h1>
        <p className="max-w-3xl text-lg text-slate-700 dark:text-slate-300">{lesson.summary}</p>
        <section aria-labelledby="objectives-heading" className="max-w-3xl">
          <h2 id="objectives-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
            You will be able to
          </h2>
          <ul className="mt-2 list-disc space-y-1 pl-6">
            {lesson.objectives.map((objective) => (
              <li key={objective}>{objective}</li>
            ))}
          </ul>
        </section>
      </header>
      <Suspense fallback={<p className="min-h-screen text-slate-600 dark:text-slate-400" role="status">Loading the lesson…</p>}>
        <LessonBody data={data} viewerId={viewer.id} progress={progress} />
      </Suspense>
    </article>
  );
}

async function CoursePercent({ progress }: { progress: Promise<LessonProgress | null> }) {
  const loaded = await progress;
  return loaded ? <span className="text-slate-600 dark:text-slate-400"> · {loaded.course.percent}% of the course complete</span> : null;
}

async function LessonBody({ data, viewerId, progress: loading }: { data: LessonData; viewerId: string; progress: Promise<LessonProgress | null> }) {
  const { course, lesson, previous, next } = data;
  const progress = await loading;
  const initial: Record<string, SectionProgressState> = Object.fromEntries(
    (progress?.sections ?? []).map((section) => [section.sectionId, { percent: section.percent, completed: section.completed, position: section.position }]),
  );
  const glossarySection = lesson.sections.find((section) => section.type === "glossary");
  const glossary = glossarySection?.type === "glossary" ? glossarySection.items.map((entry) => ({ term: entry.term, definition: entry.definition })) : [];
  const context = { courseSlug: course.slug, lessonSlug: lesson.slug, glossary, summaryLevel: progress?.summaryLevel ?? "basic", canAddCards: Boolean(progress?.enrolled) } as const;
  const enrolled = Boolean(progress?.enrolled);
  // Studying a lesson adds its flashcards to an enrolled learner's reviews: after the response is
  // sent, so the render itself only reads (the caller is made now, inside the request's scope).
  if (enrolled) {
    const caller = await getServerCaller();
    after(() => caller.review.addLessonCards({ lessonId: lesson.id }));
  }
  return (
    <LessonProgressProvider userId={viewerId} enrolled={enrolled} initial={initial} resumeSectionId={progress?.resumeSectionId ?? null}>
      <div className="space-y-8">
        {progress && !enrolled ? (
          <div className="max-w-3xl space-y-3 rounded-lg border border-brand-100 bg-brand-50 p-4 dark:border-brand-700 dark:bg-slate-900">
            <p className="text-sm text-brand-700 dark:text-brand-100">
              You are not enrolled in {course.title}. Enroll to save your progress in this lesson, earn XP and pick up where you left off.
            </p>
            <EnrollButton courseSlug={course.slug} enrolled={false} />
          </div>
        ) : null}
        <LessonProgressSummary sectionIds={lesson.sections.map((section) => section.id)} />

        <nav aria-label="Formats of this lesson" className="sticky top-0 z-10 -mx-4 border-y border-slate-200 bg-white/95 px-4 py-2 backdrop-blur dark:border-slate-800 dark:bg-slate-950/95">
          {/* One row that scrolls sideways on narrow screens, instead of wrapping into four. */}
          <ul className="relative -mb-1 flex snap-x gap-2 overflow-x-auto pb-1 [scrollbar-width:thin]" data-testid="format-bar">
            {lesson.sections.map((section) => (
              <li key={section.id} className="shrink-0 snap-start">
                <a href={`#section-${section.type}`} className="inline-block whitespace-nowrap rounded-full border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
                  {SECTION_LABEL[section.type]}
                  <FormatDone sectionId={section.id} />
                </a>
              </li>
            ))}
          </ul>
        </nav>

        <div className="space-y-12">
          {lesson.sections.map((section) => (
            <LessonSectionView key={section.id} section={section} context={context} />
          ))}
        </div>

        <nav aria-label="Lessons" className="flex justify-between border-t border-slate-200 pt-6 dark:border-slate-800">
          {previous ? (
            <Link href={`/courses/${course.slug}/lessons/${previous.slug}`} className="text-brand-600 underline dark:text-brand-100">
              ← {previous.title}
            </Link>
          ) : (
            <span />
          )}
          {next ? (
            <Link href={`/courses/${course.slug}/lessons/${next.slug}`} className="text-brand-600 underline dark:text-brand-100">
              {next.title} →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      </div>
    </LessonProgressProvider>
  );
}
