"use client";

import type { SectionType } from "@/lib/content/schema";
import type { SectionDraft, SectionOf } from "../draft";
import { AudioLessonEditor } from "./audio-lesson";
import { AudiobookEditor } from "./audiobook";
import { ExamplesEditor } from "./examples";
import { FlashcardsEditor } from "./flashcards";
import { GlossaryEditor } from "./glossary";
import { KeyConceptsEditor } from "./key-concepts";
import { LabEditor } from "./lab";
import { MemoryAidsEditor } from "./memory-aids";
import { QuizEditor } from "./quiz";
import { SummariesEditor } from "./summaries";

/** The form of a section, by its type. */
export function SectionEditor({ section, path, onChange, lessonSections }: { section: SectionDraft; path: (string | number)[]; onChange: (section: SectionDraft) => void; lessonSections: SectionType[] }) {
  // Each editor gets its own section type back; the casts only restate the switch.
  const props = <T extends SectionType>(typed: SectionOf<T>) => ({ section: typed, path, onChange: onChange as (section: SectionOf<T>) => void });
  switch (section.type) {
    case "audio-lesson":
      return <AudioLessonEditor {...props(section)} />;
    case "summaries":
      return <SummariesEditor {...props(section)} />;
    case "audiobook":
      return <AudiobookEditor {...props(section)} />;
    case "key-concepts":
      return <KeyConceptsEditor {...props(section)} />;
    case "examples":
      return <ExamplesEditor {...props(section)} />;
    case "memory-aids":
      return <MemoryAidsEditor {...props(section)} />;
    case "glossary":
      return <GlossaryEditor {...props(section)} />;
    case "flashcards":
      return <FlashcardsEditor {...props(section)} />;
    case "quiz":
      return <QuizEditor {...props(section)} lessonSections={lessonSections} />;
    case "lab":
      return <LabEditor {...props(section)} />;
  }
}
