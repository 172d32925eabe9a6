"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { LEVELS, type SectionType } from "@/lib/content/schema";
import { SECTION_LABEL } from "@/lib/content/structure";
import type { AppRouter } from "@/server/router";
import { Alert } from "../../../../_components/alert";
import { Button } from "../../../../_components/button";
import { useTRPC } from "../../../../_trpc/client";
import { errorMessage } from "../../../../_trpc/errors";
import { SaveStatus, useAutosave } from "../../_editor/autosave";
import type { CourseFieldsDraft } from "../../_editor/draft";
import { CheckboxField, inputClass, MarkdownField, NumberField, SelectField, TextAreaField, TextField } from "../../_editor/fields";
import { capitalize } from "../../_editor/list-editor";
import { MediaUpload, StudioCourseSlug, type UploadedMedia } from "../../_editor/media-upload";
import { ProblemSummary, ProblemsProvider } from "../../_editor/problems";
import { StringListField } from "../../_editor/string-list";
import { downloadBase64 } from "../../zip-files";
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

      <StudioCourseSlug.Provider value={course.slug}>
        <PublishPanel course={course} onChange={refresh} />
        <CourseDetails course={initial} categories={categories} onSaved={refresh} />
        <LessonList course={course} queryKey={queryKey} />
        <StaffPanel slug={course.slug} canManage={course.canManageStaff} />
        <ExportPanel slug={course.slug} />
      </StudioCourseSlug.Provider>
    </div>
  );
}

function PublishPanel({ course, onChange }: { course: StudioCourse; onChange: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const changesKey = trpc.studio.changes.queryKey({ slug: course.slug });
  const options = {
    onSuccess: () => {
      onChange();
      void queryClient.invalidateQueries({ queryKey: changesKey });
      router.refresh();
    },
  };
  const publish = useMutation(trpc.studio.publish.mutationOptions(options));
  const unpublish = useMutation(trpc.studio.unpublish.mutationOptions(options));
  const discard = useMutation(trpc.studio.discardDraft.mutationOptions(options));
  const published = course.status === "PUBLISHED";
  const changes = useQuery({ ...trpc.studio.changes.queryOptions({ slug: course.slug }), enabled: published && course.hasDraft });
  const error = publish.error ?? unpublish.error ?? discard.error;
  const pending = published && course.hasDraft;
  const [lastPublish, setLastPublish] = useState<"course" | "changes" | null>(null);
  return (
    <section aria-labelledby="publish-heading" className="space-y-3 rounded-lg border border-slate-200 p-5 dark:border-slate-800">
      <h2 id="publish-heading" className="text-xl font-semibold">
        Publishing
      </h2>
      {published ? (
        <p className="text-sm">
          Learners can find and enroll in this course. Your edits are saved as a draft: learners see the published version until you publish the changes.
        </p>
      ) : (
        <p className="text-sm">This is a draft: only the course&apos;s staff and admins can see it, through &ldquo;Preview as a learner&rdquo;.</p>
      )}
      {(!published || pending) && course.publishBlocker ? <p className="text-sm text-slate-700 dark:text-slate-300">{course.publishBlocker}</p> : null}
      {error ? <Alert>{errorMessage(error)}</Alert> : null}
      {publish.isSuccess && published && !pending ? (
        <Alert tone="success">{lastPublish === "changes" ? "Published. Learners now see the latest version." : "Published. Learners can now find it in the catalog."}</Alert>
      ) : null}
      {discard.isSuccess && !pending ? <Alert tone="success">Unpublished changes discarded.</Alert> : null}
      {pending ? <DraftChanges diff={changes.data?.diff} loading={changes.isPending} /> : published ? <p className="text-sm text-slate-600 dark:text-slate-400">No unpublished changes.</p> : null}
      <div className="flex flex-wrap gap-3">
        {pending ? (
          <>
            <Button
              disabled={publish.isPending}
              onClick={() => {
                setLastPublish("changes");
                publish.mutate({ slug: course.slug });
              }}
            >
              {publish.isPending ? "Publishing…" : "Publish changes"}
            </Button>
            <Button variant="secondary" disabled={discard.isPending} onClick={() => window.confirm("Discard every unpublished change of this course?") && discard.mutate({ slug: course.slug })}>
              {discard.isPending ? "Discarding…" : "Discard changes"}
            </Button>
          </>
        ) : null}
        {published ? (
          <Button variant="secondary" disabled={unpublish.isPending} onClick={() => unpublish.mutate({ slug: course.slug })}>
            {unpublish.isPending ? "Unpublishing…" : "Unpublish"}
          </Button>
        ) : (
          <Button
            disabled={publish.isPending}
            onClick={() => {
              setLastPublish("course");
              publish.mutate({ slug: course.slug });
            }}
          >
            {publish.isPending ? "Publishing…" : "Publish"}
          </Button>
        )}
      </div>
    </section>
  );
}

type CourseDiff = inferRouterOutputs<AppRouter>["studio"]["changes"]["diff"];

const CHANGE_WORD = { added: "Added", removed: "Removed", changed: "Changed" } as const;

function FieldChanges({ fields }: { fields: CourseDiff["fields"] }) {
  if (fields.length === 0) return null;
  return (
    <dl className="space-y-2">
      {fields.map((field) => (
        <div key={field.field} className="text-sm">
          <dt className="font-medium">{field.field}</dt>
          <dd className="grid gap-1 sm:grid-cols-2">
            <del className="rounded bg-red-50 px-2 py-1 text-red-900 dark:bg-red-950 dark:text-red-100">
              <span className="sr-only">Before: </span>
              {field.before || "(empty)"}
            </del>
            <ins className="rounded bg-green-50 px-2 py-1 text-green-900 no-underline dark:bg-green-950 dark:text-green-100">
              <span className="sr-only">After: </span>
              {field.after || "(empty)"}
            </ins>
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** What publishing will change for learners, lesson by lesson, before and after side by side. */
function DraftChanges({ diff, loading }: { diff: CourseDiff | undefined; loading: boolean }) {
  if (loading || !diff) return <p className="text-sm">Loading the unpublished changes…</p>;
  return (
    <div role="group" className="space-y-4" aria-labelledby="changes-heading">
      <h3 id="changes-heading" className="text-lg font-semibold">
        Unpublished changes ({diff.count})
      </h3>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Learners keep their progress, cards and quiz answers on everything that is changed; what is removed leaves the course for them, and their history of it is kept.
      </p>
      {diff.fields.length > 0 ? (
        <div className="space-y-2">
          <h4 className="font-semibold">Course details</h4>
          <FieldChanges fields={diff.fields} />
        </div>
      ) : null}
      {diff.reordered ? <p className="text-sm">The lessons are in a new order.</p> : null}
      <ul className="space-y-3">
        {diff.lessons.map((lesson) => (
          <li key={lesson.id} className="space-y-2 rounded-md border border-slate-200 p-3 dark:border-slate-800">
            <h4 className="font-semibold">
              {CHANGE_WORD[lesson.change]} lesson: {lesson.title}
            </h4>
            <FieldChanges fields={lesson.fields} />
            {lesson.sections.map((section) => (
              <div key={section.type} className="space-y-2 border-l-2 border-slate-200 pl-3 dark:border-slate-700">
                <p className="text-sm font-medium">
                  {CHANGE_WORD[section.change]} section: {SECTION_LABEL[section.type as SectionType] ?? section.type}
                </p>
                <FieldChanges fields={section.fields} />
                {section.items.map((item) => (
                  <div key={item.key} className="space-y-1">
                    <p className="text-sm">
                      {CHANGE_WORD[item.change]}: {item.label}
                    </p>
                    <FieldChanges fields={item.fields} />
                  </div>
                ))}
              </div>
            ))}
          </li>
        ))}
      </ul>
    </div>
  );
}

function StaffPanel({ slug, canManage }: { slug: string; canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const staff = useQuery(trpc.studio.staff.queryOptions({ slug }));
  const refresh = { onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.studio.staff.queryKey({ slug }) }) };
  const add = useMutation(trpc.studio.addStaff.mutationOptions(refresh));
  const remove = useMutation(trpc.studio.removeStaff.mutationOptions(refresh));
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<"OWNER" | "CO_INSTRUCTOR">("CO_INSTRUCTOR");
  const error = add.error ?? remove.error;
  return (
    <section aria-labelledby="staff-heading" className="space-y-3">
      <h2 id="staff-heading" className="text-xl font-semibold">
        Staff
      </h2>
      <p className="text-sm text-slate-700 dark:text-slate-300">Owners and co-instructors edit and publish this course and see its class; owners also choose its staff.</p>
      <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
        {(staff.data?.staff ?? []).map((member) => (
          <li key={member.userId} className="flex flex-wrap items-center justify-between gap-3 px-3 py-2 text-sm">
            <span>
              {member.name} <span className="text-slate-600 dark:text-slate-400">({member.email})</span> · {member.role === "OWNER" ? "Owner" : "Co-instructor"}
            </span>
            {canManage ? (
              <Button variant="secondary" disabled={remove.isPending} onClick={() => remove.mutate({ slug, userId: member.userId })} aria-label={`Remove ${member.name} from the staff`}>
                Remove
              </Button>
            ) : null}
          </li>
        ))}
        {staff.data && staff.data.staff.length === 0 ? <li className="px-3 py-2 text-sm">No staff yet: only admins can edit this course.</li> : null}
      </ul>
      {error ? <Alert>{errorMessage(error)}</Alert> : null}
      {canManage ? (
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            add.mutate({ slug, email, role }, { onSuccess: () => setEmail("") });
          }}
        >
          <div className="space-y-1">
            <label htmlFor="staff-email" className="block text-sm font-medium">
              Instructor&apos;s email
            </label>
            <input id="staff-email" type="email" required value={email} onChange={(event) => setEmail(event.target.value)} className={inputClass} />
          </div>
          <div className="space-y-1">
            <label htmlFor="staff-role" className="block text-sm font-medium">
              Role
            </label>
            <select id="staff-role" value={role} onChange={(event) => setRole(event.target.value as typeof role)} className={inputClass}>
              <option value="CO_INSTRUCTOR">Co-instructor</option>
              <option value="OWNER">Owner</option>
            </select>
          </div>
          <Button type="submit" disabled={add.isPending}>
            {add.isPending ? "Adding…" : "Add to staff"}
          </Button>
        </form>
      ) : null}
    </section>
  );
}

/** Images for the course's Markdown (summaries, examples, explanations) and its cover. */
function MediaPanel({ onCover }: { onCover: (url: string) => void }) {
  const [uploaded, setUploaded] = useState<UploadedMedia | null>(null);
  const snippet = uploaded ? `![Describe the image](${uploaded.url})` : "";
  return (
    <section aria-labelledby="media-heading" className="space-y-3">
      <h2 id="media-heading" className="text-xl font-semibold">
        Images
      </h2>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Upload an image, then paste its Markdown into any Markdown field of a lesson, or use it as the cover. Scene recordings are uploaded in each scene of a dialogue.
      </p>
      <MediaUpload kind="image" label="Upload an image" onUploaded={setUploaded} />
      {uploaded ? (
        <div className="space-y-2">
          {/* eslint-disable-next-line @next/next/no-img-element -- an uploaded image of any size, shown as stored */}
          <img src={uploaded.url} alt="The uploaded image" className="max-h-48 rounded-md border border-slate-200 dark:border-slate-800" />
          <label htmlFor="media-snippet" className="block text-sm font-medium">
            Markdown for this image
          </label>
          <input id="media-snippet" readOnly value={snippet} onFocus={(event) => event.target.select()} className={`${inputClass} font-mono text-sm`} />
          <Button type="button" variant="secondary" onClick={() => onCover(uploaded.url)}>
            Use as the cover image
          </Button>
        </div>
      ) : null}
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
        <TextField label="Cover image URL" optional path={["coverImage"]} value={fields.coverImage} onChange={(coverImage) => set({ coverImage })} />
        <MediaPanel onCover={(coverImage) => set({ coverImage })} />
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
