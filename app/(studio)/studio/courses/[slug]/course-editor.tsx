"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { LEVELS } from "@/lib/content/schema";
import type { AppRouter } from "@/server/router";
import { Alert } from "@/app/_components/alert";
import { Button } from "@/app/_components/button";
import { useTRPC } from "@/app/_trpc/client";
import { errorMessage } from "@/app/_trpc/errors";
import { SaveStatus, useAutosave } from "@/app/(studio)/studio/_editor/autosave";
import type { CourseFieldsDraft } from "@/app/(studio)/studio/_editor/draft";
import { CheckboxField, MarkdownField, NumberField, SelectField, TextAreaField, TextField } from "@/app/(studio)/studio/_editor/fields";
import { capitalize } from "@/app/(studio)/studio/_editor/list-editor";
import { ProblemSummary, ProblemsProvider } from "@/app/(studio)/studio/_editor/problems";
import { StringListField } from "@/app/(studio)/studio/_editor/string-list";
import { downloadBase64 } from "@/app/(studio)/studio/zip-files";
import { LessonList } from "./lesson-list";

export type StudioCourse = inferRouterOutputs<AppRouter>["studio"]["get"];

/** A course in the studio: its details (saved as the author types), lessons, publishing and export. */
export function CourseEditor({ initial, categories }: { initial: StudioCourse; categories: { slug: string; title: string }[] }) {
  const trpc = useTRPC();
  const queryKey = trpc.studio.get.queryKey({ slug: initial.slug });
  // The server rendered the latest course; a cached copy from an earlier visit is refreshed at once.
  const { data: course } = useQuery({ ...trpc.studio.get.queryOptions({ slug: initial.slug }), initialData: initial, refetchOnMount: "always" });
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey });

  return (
    <div className="space-y-10">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600 dark:text-slate-400">
        <Link href="/studio" className="underline underline-offset-2">Studio</Link> / {course.title}
      </nav>
      <header className="space-y-3">
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-600 dark:text-brand-100">
          {course.status === "PUBLISHED" ? "Published" : "Draft"} · {course.learnerCount === 1 ? "1 learner" : `${course.learnerCount} learners`}
        </p>
        <h1 className="text-3xl font-bold tracking-tight">{course.title}</h1>
        <div className="flex flex-wrap gap-4 text-sm">
          <Link href={`/courses/${course.slug}`} className="font-medium text-brand-700 underline underline-offset-2 dark:text-brand-100">
            Preview as a learner
          </Link>
          <Link href={`/studio/courses/${course.slug}/class`} className="font-medium text-brand-700 underline underline-offset-2 dark:text-brand-100">
            Class view
          </Link>
        </div>
      </header>

      <PublishPanel course={course} onChange={refresh} />
      <CourseDetails course={initial} categories={categories} onSaved={refresh} />
      <LessonList course={course} queryKey={queryKey} />
      <ExportPanel slug={course.slug} />
    </div>
  );
}

function PublishPanel({ course, onChange }: { course: StudioCourse; onChange: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const options = {
    onSuccess: () => {
      onChange();
      router.refresh();
    },
  };
  const publish = useMutation(trpc.studio.publish.mutationOptions(options));
  const unpublish = useMutation(trpc.studio.unpublish.mutationOptions(options));
  const error = publish.error ?? unpublish.error;
  const published = course.status === "PUBLISHED";
  return (
    <section aria-labelledby="publish-heading" className="space-y-3 rounded-lg border border-slate-200 p-5 dark:border-slate-800">
      <h2 id="publish-heading" className="text-xl font-semibold">
        Publishing
      </h2>
      {published ? (
        <p className="text-sm">Learners can find and enroll in this course. Each saved change is live for them.</p>
      ) : (
        <p className="text-sm">This is a draft: only the course&apos;s instructors and admins can see it, through &ldquo;Preview as a learner&rdquo;.</p>
      )}
      {!published && course.publishBlocker ? <p className="text-sm text-slate-700 dark:text-slate-300">{course.publishBlocker}</p> : null}
      {error ? <Alert>{errorMessage(error)}</Alert> : null}
      {publish.isSuccess && published ? <Alert tone="success">Published. Learners can now find it in the catalog.</Alert> : null}
      {published ? (
        <Button variant="secondary" disabled={unpublish.isPending} onClick={() => unpublish.mutate({ slug: course.slug })}>
          {unpublish.isPending ? "Unpublishing…" : "Unpublish"}
        </Button>
      ) : (
        <Button disabled={publish.isPending} onClick={() => publish.mutate({ slug: course.slug })}>
          {publish.isPending ? "Publishing…" : "Publish"}
        </Button>
      )}
    </section>
  );
}

function CourseDetails({ course, categories, onSaved }: { course: StudioCourse; categories: { slug: string; title: string }[]; onSaved: () => void }) {
  const trpc = useTRPC();
  const [fields, setFields] = useState(course.fields as unknown as CourseFieldsDraft);
  const update = useMutation(trpc.studio.update.mutationOptions());
  const autosave = useAutosave({
    value: fields,
    setValue: setFields,
    save: (value) => update.mutateAsync({ slug: course.slug, fields: value }),
    onSaved,
    initialProblems: course.problems,
  });
  const set = (patch: Partial<CourseFieldsDraft>) => setFields({ ...fields, ...patch });
  return (
    <ProblemsProvider problems={autosave.problems}>
      <section aria-labelledby="details-heading" className="space-y-5">
        <div className="flex flex-wrap items-center justify-between gap-4">
          <h2 id="details-heading" className="text-xl font-semibold">
            Course details
          </h2>
          <SaveStatus state={autosave} />
        </div>
        <ProblemSummary problems={autosave.problems} title="To fix in the course details" />
        <p className="text-sm text-slate-700 dark:text-slate-300">
          Slug: <code>{course.slug}</code> (the course&apos;s address; fixed once created)
        </p>
        <TextField label="Course title" path={["title"]} value={fields.title} onChange={(title) => set({ title: title ?? "" })} />
        <div className="grid gap-4 sm:grid-cols-3">
          <SelectField label="Category" path={["category"]} value={fields.category} choices={categories.map((c) => ({ value: c.slug, label: c.title }))} onChange={(category) => set({ category: category ?? "" })} />
          <SelectField label="Level" path={["level"]} value={fields.level} choices={LEVELS.map((level) => ({ value: level, label: capitalize(level) }))} onChange={(level) => level && set({ level })} />
          <NumberField label="Estimated minutes" min={1} path={["estimatedMinutes"]} value={fields.estimatedMinutes} onChange={(estimatedMinutes) => set({ estimatedMinutes })} />
        </div>
        <TextAreaField label="Course summary" hint="One or two sentences for the catalog card." rows={2} path={["summary"]} value={fields.summary} onChange={(summary) => set({ summary: summary ?? "" })} />
        <MarkdownField label="Description" rows={6} path={["description"]} value={fields.description} onChange={(description) => set({ description: description ?? "" })} />
        <TextField label="Cover image URL" type="url" optional path={["coverImage"]} value={fields.coverImage} onChange={(coverImage) => set({ coverImage })} />
        <div className="grid gap-6 sm:grid-cols-2">
          <StringListField label="Author" noun="author" path={["authors"]} items={fields.authors} onChange={(authors) => set({ authors })} />
          <StringListField label="Tag" noun="tag" hint="Lowercase words joined by hyphens, like unit-economics." path={["tags"]} items={fields.tags ?? []} onChange={(tags) => set({ tags })} />
        </div>
        <CheckboxField
          label="Add every flashcard of the course to a learner's collection when they enroll"
          path={["addAllCardsOnEnroll"]}
          checked={fields.addAllCardsOnEnroll ?? false}
          onChange={(addAllCardsOnEnroll) => set({ addAllCardsOnEnroll })}
        />
      </section>
    </ProblemsProvider>
  );
}

function ExportPanel({ slug }: { slug: string }) {
  const trpc = useTRPC();
  const exportZip = useMutation(trpc.studio.exportZip.mutationOptions({ onSuccess: (file) => downloadBase64(file.filename, file.zipBase64) }));
  return (
    <section aria-labelledby="export-heading" className="space-y-3">
      <h2 id="export-heading" className="text-xl font-semibold">
        Export
      </h2>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        The course as a zip of its folder in the content format (<code>course.yaml</code>, <code>lessons/*.yaml</code>), to keep in version control or import elsewhere.
      </p>
      {exportZip.error ? <Alert>{errorMessage(exportZip.error)}</Alert> : null}
      <Button variant="secondary" disabled={exportZip.isPending} onClick={() => exportZip.mutate({ slug })}>
        {exportZip.isPending ? "Preparing…" : "Download zip"}
      </Button>
    </section>
  );
}
