import Link from "next/link";
import type { ReactNode } from "react";
import { SECTION_LABEL } from "@/lib/content/structure";
import type { LearnerSection } from "@/server/catalog/learner-view";
import { Markdown } from "../../../../../_components/markdown";
import { SummaryTabs } from "./summary-tabs";

const memoryAidStyle = {
  mnemonic: "border-violet-300 bg-violet-50 dark:border-violet-800 dark:bg-violet-950",
  acronym: "border-amber-300 bg-amber-50 dark:border-amber-800 dark:bg-amber-950",
  rhyme: "border-pink-300 bg-pink-50 dark:border-pink-800 dark:bg-pink-950",
  story: "border-teal-300 bg-teal-50 dark:border-teal-800 dark:bg-teal-950",
} as const;

function SectionFrame({ section, children }: { section: LearnerSection; children: ReactNode }) {
  const headingId = `section-${section.type}-heading`;
  return (
    <section id={`section-${section.type}`} aria-labelledby={headingId} className="scroll-mt-16 space-y-4">
      <h2 id={headingId} className="text-2xl font-semibold">
        {"title" in section && section.title ? section.title : SECTION_LABEL[section.type]}
      </h2>
      {children}
    </section>
  );
}

export function LessonSectionView({ section }: { section: LearnerSection }) {
  switch (section.type) {
    case "audio-lesson":
      return (
        <SectionFrame section={section}>
          {section.scenes.map((scene) => (
            <div key={scene.key ?? scene.title} className="space-y-3">
              <h3 className="text-lg font-semibold">{scene.title}</h3>
              <ol className="space-y-3" aria-label={`Transcript: ${scene.title}`}>
                {scene.turns.map((turn, index) => (
                  <li key={index} className={`flex gap-3 ${turn.speaker === "student" ? "flex-row-reverse text-right" : ""}`}>
                    <span aria-hidden="true" className={`flex h-9 w-9 shrink-0 items-center justify-center rounded-full text-sm font-bold text-white ${turn.speaker === "teacher" ? "bg-brand-600" : "bg-emerald-600"}`}>
                      {turn.speaker === "teacher" ? "T" : "S"}
                    </span>
                    <p className="max-w-2xl rounded-lg bg-slate-100 px-4 py-2 dark:bg-slate-900">
                      <span className="sr-only">{turn.speaker === "teacher" ? "Teacher" : "Student"}: </span>
                      {turn.text}
                    </p>
                  </li>
                ))}
              </ol>
            </div>
          ))}
        </SectionFrame>
      );
    case "summaries":
      return (
        <SectionFrame section={section}>
          <SummaryTabs
            levels={{ basic: <Markdown>{section.basic}</Markdown>, medium: <Markdown>{section.medium}</Markdown>, detailed: <Markdown>{section.detailed}</Markdown> }}
          />
        </SectionFrame>
      );
    case "audiobook":
      return (
        <SectionFrame section={section}>
          <ol className="space-y-6">
            {section.chapters.map((chapter, index) => (
              <li key={chapter.key ?? chapter.title} className="space-y-3 rounded-lg border border-slate-200 p-5 dark:border-slate-800">
                <h3 className="text-lg font-semibold">Chapter {index + 1}: {chapter.title}</h3>
                <ul className="list-disc space-y-1 pl-6">
                  {chapter.points.map((point) => <li key={point}>{point}</li>)}
                </ul>
                <Markdown>{chapter.explanation}</Markdown>
                <div className="rounded-md border-l-4 border-brand-500 bg-brand-50 px-4 py-3 dark:bg-slate-900">
                  <p className="text-sm font-semibold">Analogy</p>
                  <Markdown>{chapter.analogy}</Markdown>
                </div>
              </li>
            ))}
          </ol>
        </SectionFrame>
      );
    case "key-concepts":
      return (
        <SectionFrame section={section}>
          <dl className="grid gap-4 sm:grid-cols-2">
            {section.items.map((concept) => (
              <div key={concept.key ?? concept.term} className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
                <dt className="font-semibold">{concept.term}</dt>
                <dd className="mt-1 text-slate-700 dark:text-slate-300"><Markdown>{concept.explanation}</Markdown></dd>
              </div>
            ))}
          </dl>
        </SectionFrame>
      );
    case "examples":
      return (
        <SectionFrame section={section}>
          <div className="grid gap-4 sm:grid-cols-2">
            {section.items.map((example) => (
              <div key={example.key ?? example.title} className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
                <h3 className="font-semibold">{example.title}</h3>
                <div className="mt-2 text-slate-700 dark:text-slate-300"><Markdown>{example.scenario}</Markdown></div>
              </div>
            ))}
          </div>
        </SectionFrame>
      );
    case "memory-aids":
      return (
        <SectionFrame section={section}>
          <ul className="grid gap-4 sm:grid-cols-2">
            {section.items.map((aid) => (
              <li key={aid.key ?? aid.title} className={`rounded-lg border-2 p-4 ${memoryAidStyle[aid.kind]}`}>
                <p className="text-xs font-semibold uppercase tracking-wide">{aid.kind}</p>
                <h3 className="mt-1 font-semibold">{aid.title}</h3>
                <p className={`mt-2 whitespace-pre-line ${aid.kind === "rhyme" ? "italic" : ""} ${aid.kind === "acronym" ? "font-mono text-lg" : ""}`}>{aid.text}</p>
                {aid.explanation ? <div className="mt-2 text-sm"><Markdown>{aid.explanation}</Markdown></div> : null}
              </li>
            ))}
          </ul>
        </SectionFrame>
      );
    case "glossary":
      return (
        <SectionFrame section={section}>
          <dl className="divide-y divide-slate-200 dark:divide-slate-800">
            {section.items.map((entry) => (
              <div key={entry.key ?? entry.term} className="py-3 sm:grid sm:grid-cols-3 sm:gap-4">
                <dt className="font-semibold">{entry.term}</dt>
                <dd className="text-slate-700 sm:col-span-2 dark:text-slate-300">{entry.definition}</dd>
              </div>
            ))}
          </dl>
        </SectionFrame>
      );
    case "flashcards":
      return (
        <SectionFrame section={section}>
          <ul className="grid gap-3 sm:grid-cols-2">
            {section.items.map((card) => (
              <li key={card.key ?? card.front}>
                <details className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
                  <summary className="cursor-pointer font-medium">{card.front}</summary>
                  <p className="mt-2 text-slate-700 dark:text-slate-300">{card.back}</p>
                </details>
              </li>
            ))}
          </ul>
        </SectionFrame>
      );
    case "quiz":
      return (
        <SectionFrame section={section}>
          <p className="text-slate-700 dark:text-slate-300">
            This lesson&apos;s quiz has {section.questionCount} {section.questionCount === 1 ? "question" : "questions"}; {section.passPercent}% passes it.
          </p>
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
