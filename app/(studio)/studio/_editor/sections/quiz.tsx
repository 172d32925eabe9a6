"use client";

import type { SectionType } from "@/lib/content/schema";
import { newQuestion, type SectionEditorProps } from "../draft";
import { NumberField, TextField } from "../fields";
import { arrayOps, ListEditor, replaceAt } from "../list-editor";
import { QuestionEditor } from "./question";

export function QuizEditor({ section, path, onChange, lessonSections }: SectionEditorProps<"quiz"> & { lessonSections: SectionType[] }) {
  const questionsPath = [...path, "questions"];
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-[1fr_12rem]">
        <TextField label="Quiz title" optional path={[...path, "title"]} value={section.title} onChange={(title) => onChange({ ...section, title })} />
        <NumberField label="Pass mark (%)" path={[...path, "passPercent"]} min={1} value={section.passPercent} onChange={(passPercent) => onChange({ ...section, passPercent })} />
      </div>
      <ListEditor
        path={questionsPath}
        items={section.questions}
        noun="question"
        confirmRemove
        {...arrayOps(section.questions, (questions) => onChange({ ...section, questions }), () => newQuestion("single-choice"))}
        renderItem={(question, q) => (
          <QuestionEditor
            question={question}
            path={[...questionsPath, q]}
            lessonSections={lessonSections}
            onChange={(next) => onChange({ ...section, questions: replaceAt(section.questions, q, next) })}
          />
        )}
      />
    </div>
  );
}
