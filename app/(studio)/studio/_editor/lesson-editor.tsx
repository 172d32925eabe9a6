"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { SECTION_TYPES, type SectionType } from "@/lib/content/schema";
import { SECTION_LABEL } from "@/lib/content/structure";
import { Alert } from "../../../_components/alert";
import { Button } from "../../../_components/button";
import { useTRPC } from "../../../_trpc/client";
import { SaveStatus, useAutosave } from "./autosave";
import { newSection, withSavedKeys, type LessonDraft } from "./draft";
import { inputClass, NumberField, TextAreaField, TextField } from "./fields";
import { arrayOps, ListEditor, replaceAt } from "./list-editor";
import { StudioCourseSlug } from "./media-upload";
import { ProblemSummary, ProblemsProvider, type FieldProblems } from "./problems";
import { SectionEditor } from "./sections/section-editor";
import { StringListField } from "./string-list";

type LessonEditorProps = {
  course: { slug: string; title: string; status: "DRAFT" | "PUBLISHED" };
  lessonId: string;
  initial: LessonDraft;
  initialProblems: FieldProblems;
};

/** A whole lesson: its details and its sections, each type at most once, saved as the author types. */
export function LessonEditor({ course, lessonId, initial, initialProblems }: LessonEditorProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(initial);
  const saveLesson = useMutation(trpc.studio.saveLesson.mutationOptions());
  const autosave = useAutosave({
    value: draft,
    setValue: setDraft,
    save: async (lesson) => {
      const result = await saveLesson.mutateAsync({ slug: course.slug, lessonId, lesson });
      return result.ok ? { ok: true, value: withSavedKeys(lesson, result.keys) } : result;
    },
    // The course page lists each lesson's problems: it reloads them when next shown.
    onSaved: () => void queryClient.invalidateQueries({ queryKey: trpc.studio.get.queryKey({ slug: course.slug }) }),
    initialProblems,
  });
  const problems = autosave.problems;
  const present = draft.sections.map((section) => section.type);
  const sectionsPath = ["sections"];

  return (
    <StudioCourseSlug.Provider value={course.slug}>
    <ProblemsProvider problems={problems}>
      {/* scroll-margin: a field reached with Tab is never hidden under the sticky save bar (WCAG 2.4.11). */}
      <div className="space-y-8 [&_:is(input,textarea,select,button,a,[tabindex])]:scroll-mt-24">
        <nav aria-label="Breadcrumb" className="text-sm">
          <ol className="flex flex-wrap gap-2 text-slate-600 dark:text-slate-400">
            <li>
              <Link href="/studio" className="underline underline-offset-2">Studio</Link> /
            </li>
            <li>
              <Link href={`/studio/courses/${course.slug}`} className="underline underline-offset-2">{course.title}</Link> /
            </li>
            <li aria-current="page">{draft.title || "Untitled lesson"}</li>
          </ol>
        </nav>
        <header className="sticky top-0 z-10 -mx-2 flex flex-wrap items-center justify-between gap-4 border-b border-slate-200 bg-white px-2 py-3 dark:border-slate-800 dark:bg-slate-950">
          <h1 className="text-2xl font-bold tracking-tight">Edit lesson: {draft.title || "Untitled lesson"}</h1>
          <SaveStatus state={autosave} />
        </header>
        {course.status === "PUBLISHED" ? (
          <Alert tone="info">
            This course is published. Your changes are saved as a draft: learners keep seeing the published lesson until you review the changes and publish
            them on the <Link href={`/studio/courses/${course.slug}`} className="underline underline-offset-2">course page</Link>.
          </Alert>
        ) : null}
        <ProblemSummary problems={problems} title="To fix before this lesson can be saved and published" />

        <fieldset className="space-y-4 rounded-lg border border-slate-200 p-5 dark:border-slate-800">
          <legend className="px-1 text-lg font-semibold">Lesson details</legend>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField label="Lesson title" path={["title"]} value={draft.title} onChange={(title) => setDraft({ ...draft, title: title ?? "" })} />
            <TextField label="Lesson slug" hint="The lesson's address: lowercase words joined by hyphens." path={["slug"]} value={draft.slug} onChange={(slug) => setDraft({ ...draft, slug: slug ?? "" })} />
          </div>
          <TextAreaField label="Lesson summary" rows={2} path={["summary"]} value={draft.summary} onChange={(summary) => setDraft({ ...draft, summary: summary ?? "" })} />
          <StringListField label="Objective" noun="objective" path={["objectives"]} items={draft.objectives} onChange={(objectives) => setDraft({ ...draft, objectives })} />
          <NumberField label="Estimated minutes" min={1} path={["estimatedMinutes"]} value={draft.estimatedMinutes} onChange={(estimatedMinutes) => setDraft({ ...draft, estimatedMinutes })} />
        </fieldset>

        <section aria-labelledby="sections-heading" className="space-y-4">
          <h2 id="sections-heading" className="text-xl font-semibold">Sections</h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">Learners see the sections in this order. Each type can appear once.</p>
          <ListEditor
            path={sectionsPath}
            items={draft.sections}
            noun="section"
            legend={(section) => SECTION_LABEL[section.type]}
            confirmRemove
            {...arrayOps(draft.sections, (sections) => setDraft({ ...draft, sections }))}
            addControl={<AddSection present={present} onAdd={(type) => setDraft({ ...draft, sections: [...draft.sections, newSection(type)] })} />}
            renderItem={(section, s) => (
              <SectionEditor
                section={section}
                path={[...sectionsPath, s]}
                lessonSections={present}
                onChange={(next) => setDraft({ ...draft, sections: replaceAt(draft.sections, s, next) })}
              />
            )}
          />
        </section>
      </div>
    </ProblemsProvider>
    </StudioCourseSlug.Provider>
  );
}

function AddSection({ present, onAdd }: { present: SectionType[]; onAdd: (type: SectionType) => void }) {
  const missing = SECTION_TYPES.filter((type) => !present.includes(type));
  const [chosen, setChosen] = useState<SectionType | "">("");
  const type = chosen && missing.includes(chosen) ? chosen : (missing[0] ?? "");
  if (!type) return <p className="text-sm text-slate-600 dark:text-slate-400">This lesson has every type of section.</p>;
  return (
    <div className="flex flex-wrap items-end gap-3">
      <div className="space-y-1">
        <label htmlFor="new-section-type" className="block text-sm font-medium">
          Section type
        </label>
        <select id="new-section-type" value={type} onChange={(e) => setChosen(e.target.value as SectionType)} className={inputClass}>
          {missing.map((candidate) => (
            <option key={candidate} value={candidate}>
              {SECTION_LABEL[candidate]}
            </option>
          ))}
        </select>
      </div>
      <Button type="button" variant="secondary" onClick={() => onAdd(type)}>
        Add section
      </Button>
    </div>
  );
}
