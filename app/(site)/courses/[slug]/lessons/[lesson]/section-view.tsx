import { parseAcronym, type Acronym } from "@/lib/content/acronym";
import Link from "next/link";
import type { ReactNode } from "react";
import type { GlossaryTerm } from "@/lib/content/glossary-terms";
import { SECTION_LABEL } from "@/lib/content/structure";
import { chapterSegments } from "@/lib/narration/speech-text";
import { completionRule, type SummaryLevel } from "@/lib/progress/rules";
import type { LearnerSection } from "@/server/catalog/learner-view";
import { Markdown } from "@/app/_components/markdown";
import { AudiobookPlayer } from "./audiobook-player";
import { ContentCard } from "./content-card";
import { DialoguePlayer } from "./dialogue-player";
import { GlossaryList } from "./glossary-list";
import { LessonMarkdown } from "./glossary-term";
import { SectionStatus, TrackedSection } from "./section-status";
import { SummaryTabs } from "./summary-tabs";
import { BookOpen, CaseUpper, Lightbulb, Music } from "lucide-react";

// Each kind of memory aid has its own look, so learners recognise the device at a glance.
const memoryAidStyle = {
  mnemonic: { box: "border-violet-300 bg-violet-50 dark:border-violet-800 dark:bg-violet-950", label: "Mnemonic", icon: Lightbulb, text: "" },
  acronym: { box: "border-amber-300 bg-amber-50 dark:border-amber-800 dark:bg-amber-950", label: "Acronym", icon: CaseUpper, text: "font-mono text-lg tracking-wide" },
  rhyme: { box: "border-pink-300 bg-pink-50 dark:border-pink-800 dark:bg-pink-950", label: "Rhyme", icon: Music, text: "font-serif italic text-lg" },
  story: { box: "border-teal-300 bg-teal-50 dark:border-teal-800 dark:bg-teal-950", label: "Story", icon: BookOpen, text: "leading-relaxed" },
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
          <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2">
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
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
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
          <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2">
            {section.items.map((aid, index) => {
              const style = memoryAidStyle[aid.kind];
              return (
                <ContentCard as="li" key={aid.key ?? aid.title} {...itemKey(section, index, aid.key)} flashcard={context.canAddCards ? aid.title : null} className={`rounded-lg border-2 p-4 ${style.box}`}>
                  <p className="flex items-center gap-1 text-xs font-semibold uppercase tracking-wide">
                    <style.icon aria-hidden="true" className="h-4 w-4" />
                    {style.label}
                  </p>
                  <h3 className="mt-1 font-semibold">{aid.title}</h3>
                  {aid.kind === "acronym" && parseAcronym(aid.text) ? (
                    <AcronymAid acronym={parseAcronym(aid.text)!} className={style.text} />
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

/** An acronym: the word with its key letters marked, and each expansion with the letter it is remembered by. */
function AcronymAid({ acronym, className }: { acronym: Acronym; className: string }) {
  return (
    <div className="mt-2" data-testid="acronym">
      <p className={`text-2xl font-bold ${className}`}>
        <span className="sr-only">{acronym.word}</span>
        {[...acronym.word].map((char, i) =>
          acronym.keyLetters[i] ? (
            <span key={i} aria-hidden="true" className="text-amber-800 dark:text-amber-200" data-testid="acronym-key">
              {char}
            </span>
          ) : (
            <span key={i} aria-hidden="true" className="font-normal text-slate-500 dark:text-slate-400">
              {char}
            </span>
          ),
        )}
      </p>
      <ul className="mt-1 space-y-0.5">
        {acronym.expansions.map((expansion, i) => (
          <li key={i}>
            {expansion.before}
            <strong className="font-mono text-lg text-amber-800 underline decoration-2 underline-offset-2 dark:text-amber-200" data-testid="acronym-letter">
              {expansion.letter}
            </strong>
            {expansion.after}
          </li>
        ))}
      </ul>
      {acronym.note ? <p className="mt-1 text-sm">{acronym.note}</p> : null}
    </div>
  );
}
