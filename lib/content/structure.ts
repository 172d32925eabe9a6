import type { SectionType } from "./schema";

/** Human names of the section types, as the lesson page and the studio label them. */
export const SECTION_LABEL: Record<SectionType, string> = {
  "audio-lesson": "Audio lesson",
  summaries: "Summary",
  audiobook: "Audiobook",
  "key-concepts": "Key concepts",
  examples: "Examples",
  "memory-aids": "Memory aids",
  glossary: "Glossary",
  flashcards: "Flashcards",
  quiz: "Quiz",
  lab: "Lab",
};
