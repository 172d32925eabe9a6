"use client";

import { useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/app/_components/alert";
import { Button } from "@/app/_components/button";
import { useTRPC } from "@/app/_trpc/client";
import { errorMessage } from "@/app/_trpc/errors";
import { inputClass } from "@/app/(studio)/studio/_editor/fields";
import { ListEditor } from "@/app/(studio)/studio/_editor/list-editor";
import { ProblemText } from "@/app/(studio)/studio/_editor/problems";
import type { StudioCourse } from "./course-editor";

type Lesson = StudioCourse["lessons"][number];

/** The course's lessons: open, rename, reorder, delete (archive) and add. Changes apply at once. */
export function LessonList({ course, queryKey }: { course: StudioCourse; queryKey: QueryKey }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey });
  // Reordering shows at once; a refused reorder comes back with the server's order.
  const setLessons = (lessons: Lesson[]) => queryClient.setQueryData<StudioCourse>(queryKey, (old) => (old ? { ...old, lessons } : old));
  const reorder = useMutation(trpc.studio.reorderLessons.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(trpc.studio.deleteLesson.mutationOptions({ onSettled: refresh }));
  const error = reorder.error ?? remove.error;
  const lessons = course.lessons;

  return (
    <section aria-labelledby="lessons-heading" className="space-y-4">
      <h2 id="lessons-heading" className="text-xl font-semibold">
        Lessons
      </h2>
      {error ? <Alert>{errorMessage(error)}</Alert> : null}
      <ListEditor
        path={["lessons"]}
        items={lessons}
        noun="lesson"
        legend={(lesson, index) => `Lesson ${index + 1}: ${lesson.title}`}
        confirmRemove
        onMove={(from, to) => {
          const next = [...lessons];
          const [moved] = next.splice(from, 1);
          next.splice(to, 0, moved!);
          setLessons(next);
          reorder.mutate({ slug: course.slug, lessonIds: next.map((lesson) => lesson.id) });
        }}
        onRemove={(index) => {
          const lesson = lessons[index]!;
          setLessons(lessons.filter((other) => other.id !== lesson.id));
          remove.mutate({ slug: course.slug, lessonId: lesson.id });
        }}
        addControl={<AddLesson slug={course.slug} />}
        renderItem={(lesson) => <LessonRow slug={course.slug} lesson={lesson} onRenamed={refresh} />}
      />
    </section>
  );
}

function LessonRow({ slug, lesson, onRenamed }: { slug: string; lesson: Lesson; onRenamed: () => void }) {
  const trpc = useTRPC();
  const [renaming, setRenaming] = useState(false);
  const [title, setTitle] = useState(lesson.title);
  const rename = useMutation(trpc.studio.renameLesson.mutationOptions());
  const problems = rename.data && !rename.data.ok ? (rename.data.problems.title ?? []) : [];
  const inputId = `rename-${lesson.id}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await rename.mutateAsync({ slug, lessonId: lesson.id, title }).catch(() => null);
    if (result?.ok) {
      setRenaming(false);
      onRenamed();
    }
  }

  return (
    <div className="flex flex-wrap items-center justify-between gap-3">
      {renaming ? (
        <form onSubmit={submit} className="flex flex-wrap items-end gap-2">
          <div className="space-y-1">
            <label htmlFor={inputId} className="block text-sm font-medium">
              New title
            </label>
            <input id={inputId} value={title} onChange={(e) => setTitle(e.target.value)} aria-invalid={problems.length ? true : undefined} aria-describedby={problems.length ? `${inputId}-problems` : undefined} className={inputClass} autoFocus />
            <ProblemText id={`${inputId}-problems`} messages={problems} />
          </div>
          <Button type="submit" disabled={rename.isPending}>Save title</Button>
          <Button type="button" variant="secondary" onClick={() => setRenaming(false)}>Cancel</Button>
          {rename.error ? <Alert>{errorMessage(rename.error)}</Alert> : null}
        </form>
      ) : (
        <div className="space-y-1">
          <Link href={`/studio/courses/${slug}/lessons/${lesson.id}`} className="font-medium underline underline-offset-2">
            Edit {lesson.title}
          </Link>
          <p className={`text-sm ${lesson.problemCount ? "text-red-700 dark:text-red-400" : "text-green-700 dark:text-green-400"}`}>
            {lesson.problemCount ? `${lesson.problemCount === 1 ? "1 problem" : `${lesson.problemCount} problems`} to fix` : "Complete"}
          </p>
        </div>
      )}
      {renaming ? null : (
        <Button type="button" variant="secondary" onClick={() => {
            setTitle(lesson.title);
            setRenaming(true);
          }} aria-label={`Rename: ${lesson.title}`}>
          Rename
        </Button>
      )}
    </div>
  );
}

function AddLesson({ slug }: { slug: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [title, setTitle] = useState("");
  const add = useMutation(trpc.studio.addLesson.mutationOptions());
  const problems = add.data && !add.data.ok ? Object.entries(add.data.problems).flatMap(([field, messages]) => messages.map((m) => `${field === "slug" ? "Slug" : "Title"}: ${m}`)) : [];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await add.mutateAsync({ slug, title }).catch(() => null);
    if (result?.ok) router.push(`/studio/courses/${slug}/lessons/${result.lessonId}`);
  }

  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3">
      <div className="space-y-1">
        <label htmlFor="new-lesson-title" className="block text-sm font-medium">
          New lesson title
        </label>
        <input id="new-lesson-title" value={title} onChange={(e) => setTitle(e.target.value)} aria-invalid={problems.length ? true : undefined} aria-describedby={problems.length ? "new-lesson-problems" : undefined} className={inputClass} />
        <ProblemText id="new-lesson-problems" messages={problems} />
      </div>
      <Button type="submit" disabled={add.isPending}>
        {add.isPending ? "Adding…" : "Add lesson"}
      </Button>
      {add.error ? <Alert>{errorMessage(add.error)}</Alert> : null}
    </form>
  );
}
