import Link from "next/link";
import type { ReactNode } from "react";
import type { GlossaryTerm } from "@/lib/content/glossary-terms";
import { SECTION_LABEL } from "@/lib/content/structure";
import { chapterSegments } from "@/lib/narration/speech-text";
import { completionRule, type SummaryLevel } from "@/lib/progress/rules";
import type { LearnerSection } from "@/server/catalog/learner-view";
import { Markdown } from "../../../../../_components/markdown";
import { AudiobookPlayer } from "./audiobook-player";
import { ContentCard } from "./content-card";
import { DialoguePlayer } from "./dialogue-player";
import { GlossaryList } from "./glossary-list";
import { LessonMarkdown } from "./glossary-term";
import { SectionStatus, TrackedSection } from "./section-status";
import { SummaryTabs } from "./summary-tabs";

// Each kind of memory aid has its own look, so learners recognise the device at a glance.
const memoryAidStyle = {
  mnemonic: { box: "border-violet-300 bg-violet-50 dark:border-violet-800 dark:bg-violet-950", label: "Mnemonic", icon: "💡", text: "" },
  acronym: { box: "border-amber-300 bg-amber-50 dark:border-amber-800 dark:bg-amber-950", label: "Acronym", icon: "🔤", text: "font-mono text-lg tracking-wide" },
  rhyme: { box: "border-pink-300 bg-pink-50 dark:border-pink-800 dark:bg-pink-950", label: "Rhyme", icon: "🎵", text: "font-serif italic text-lg" },
  story: { box: "border-teal-300 bg-teal-50 dark:border-teal-800 dark:bg-teal-950", label: "Story", icon: "📖", text: "leading-relaxed" },
} as const;

export type LessonContext = {
  courseSlug: string;
  lessonSlug: string;
  glossary: GlossaryTerm[];
  summaryLevel: SummaryLevel;
  /** An enrolled learner can add card-like items to their flashcards. */
  canAddCards: boolean;
};

function SectionFrame({ section, children }: { section: LearnerSection; children: ReactNode }) {
  const headingId = `section-${section.type}-heading`;
  const title = "title" in section && section.title ? section.title : SECTION_LABEL[section.type];
  return (
    <TrackedSection sectionId={section.id} rule={completionRule(section.type)} anchor={`section-${section.type}`} labelledBy={headingId}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id={headingId} className="text-2xl font-semibold">
          {title}
        </h2>
        <SectionStatus sectionId={section.id} rule={completionRule(section.type)} title={title} />
      </div>
      {children}
    </TrackedSection>
  );
}

/** "LOCK: Load …, Omit …, Cap …, Keep …" as the word and one expansion per letter; null when it is not written that way. */
function acronymParts(text: string): { word: string; expansions: string[] } | null {
  const match = /^([A-Z0-9]{2,12})\s*[:—–-]\s*(.+)$/s.exec(text.trim());
  if (!match) return null;
  const expansions = match[2]!.replace(/\.$/, "").split(/,\s*|\n+/).map((part) => part.trim()).filter(Boolean);
  return expansions.length === match[1]!.length ? { word: match[1]!, expansions } : null;
}

function itemKey(section: { itemIds: string[] }, index: number, key: string | undefined) {
  return { itemId: section.itemIds[index] ?? `${index}`, itemKey: key ?? `${index}` };
}

export function LessonSectionView({ section, context }: { section: LearnerSection; context: LessonContext }) {
  const md = (text: string, id: string) => (
    <LessonMarkdown glossary={context.glossary} idPrefix={`${section.type}-${id}`}>
      {text}
    </LessonMarkdown>
  );
  switch (section.type) {
    case "audio-lesson":
      return (
        <SectionFrame section={section}>
          <DialoguePlayer
            sectionId={section.id}
            lesson={{ courseSlug: context.courseSlug, lessonSlug: context.lessonSlug }}
            scenes={section.scenes.map((scene, index) => ({
              key: scene.key ?? `${index}`,
              title: scene.title,
              audioUrl: scene.audio ? `/courses/${context.courseSlug}/media/${scene.audio.split("/").map(encodeURIComponent).join("/")}` : null,
              turns: scene.turns,
            }))}
          />
        </SectionFrame>
      );
    case "summaries":
      return (
        <SectionFrame section={section}>
          <SummaryTabs initial={context.summaryLevel} levels={{ basic: md(section.basic, "basic"), medium: md(section.medium, "medium"), detailed: md(section.detailed, "detailed") }} />
        </SectionFrame>
      );
    case "audiobook":
      return (
        <SectionFrame section={section}>
          <AudiobookPlayer
            sectionId={section.id}
            lesson={{ courseSlug: context.courseSlug, lessonSlug: context.lessonSlug }}
            chapters={section.chapters.map((chapter, index) => ({
              key: chapter.key ?? `${index}`,
              title: chapter.title,
              points: chapter.points,
              explanation: md(chapter.explanation, `${index}-explanation`),
              analogy: md(chapter.analogy, `${index}-analogy`),
              segments: chapterSegments(chapter),
            }))}
          />
        </SectionFrame>
      );
    case "key-concepts":
      return (
        <SectionFrame section={section}>
          <ul className="grid gap-4 sm:grid-cols-2">
            {section.items.map((concept, index) => (
              <ContentCard as="li" key={concept.key ?? concept.term} {...itemKey(section, index, concept.key)} flashcard={context.canAddCards ? concept.term : null} className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
                <h3 className="font-semibold">{concept.term}</h3>
                <div className="mt-1 text-slate-700 dark:text-slate-300">{md(concept.explanation, `${index}`)}</div>
              </ContentCard>
            ))}
          </ul>
        </SectionFrame>
      );
    case "examples":
      return (
        <SectionFrame section={section}>
          <div className="grid gap-4 sm:grid-cols-2">
            {section.items.map((example, index) => (
              <ContentCard key={example.key ?? example.title} {...itemKey(section, index, example.key)} className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
                <h3 className="font-semibold">{example.title}</h3>
                <div className="mt-2 text-slate-700 dark:text-slate-300">{md(example.scenario, `${index}`)}</div>
              </ContentCard>
            ))}
          </div>
        </SectionFrame>
      );
    case "memory-aids":
      return (
        <SectionFrame section={section}>
          <ul className="grid gap-4 sm:grid-cols-2">
            {section.items.map((aid, index) => {
              const style = memoryAidStyle[aid.kind];
              return (
                <ContentCard as="li" key={aid.key ?? aid.title} {...itemKey(section, index, aid.key)} flashcard={context.canAddCards ? aid.title : null} className={`rounded-lg border-2 p-4 ${style.box}`}>
                  <p className="text-xs font-semibold uppercase tracking-wide">
                    <span aria-hidden="true">{style.icon} </span>
                    {style.label}
                  </p>
                  <h3 className="mt-1 font-semibold">{aid.title}</h3>
                  {aid.kind === "acronym" && acronymParts(aid.text) ? (
                    <div className="mt-2">
                      <p className={`text-2xl font-bold ${style.text}`}>{acronymParts(aid.text)!.word}</p>
                      <ul className="mt-1 space-y-0.5">
                        {acronymParts(aid.text)!.expansions.map((expansion) => (
                          <li key={expansion}>
                            <strong className="font-mono text-lg">{expansion.charAt(0)}</strong>
                            {expansion.slice(1)}
                          </li>
                        ))}
                      </ul>
                    </div>
                  ) : aid.kind === "story" ? (
                    <blockquote className={`mt-2 whitespace-pre-line border-l-4 border-teal-400 pl-3 ${style.text}`}>{aid.text}</blockquote>
                  ) : (
                    <p className={`mt-2 whitespace-pre-line ${style.text}`}>{aid.text}</p>
                  )}
                  {aid.explanation ? <div className="mt-2 text-sm">{md(aid.explanation, `${index}`)}</div> : null}
                </ContentCard>
              );
            })}
          </ul>
        </SectionFrame>
      );
    case "glossary":
      return (
        <SectionFrame section={section}>
          <GlossaryList canAddCards={context.canAddCards} entries={section.items.map((entry, index) => ({ id: itemKey(section, index, entry.key).itemId, key: entry.key ?? entry.term, term: entry.term, definition: entry.definition }))} />
        </SectionFrame>
      );
    case "flashcards":
      return (
        <SectionFrame section={section}>
          <ul className="grid gap-3 sm:grid-cols-2">
            {section.items.map((card, index) => (
              <ContentCard as="li" key={card.key ?? card.front} {...itemKey(section, index, card.key)} flashcard={context.canAddCards ? card.front : null}>
                <details className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
                  <summary className="cursor-pointer font-medium">{card.front}</summary>
                  <p className="mt-2 text-slate-700 dark:text-slate-300">{card.back}</p>
                </details>
              </ContentCard>
            ))}
          </ul>
        </SectionFrame>
      );
    case "quiz":
      return (
        <SectionFrame section={section}>
          <p className="text-slate-700 dark:text-slate-300">
            This lesson&apos;s quiz has {section.questionCount} {section.questionCount === 1 ? "question" : "questions"}; {section.passPercent}% passes it, and passing it completes this section.
          </p>
          <Link
            href={`/courses/${context.courseSlug}/lessons/${context.lessonSlug}/quiz`}
            className="inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
          >
            Take the quiz
          </Link>
        </SectionFrame>
      );
    case "lab":
      return (
        <SectionFrame section={section}>
          <Markdown>{section.intro}</Markdown>
          <Link href={`/lab?preset=${section.preset}`} className="inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
            Open this experiment in the lab
          </Link>
        </SectionFrame>
      );
  }
}
