import type { ReactNode } from "react";
import { Markdown } from "@/app/_components/markdown";
import { GLOSSARY_ELEMENT, remarkGlossaryTerms, type GlossaryTerm } from "@/lib/content/glossary-terms";

/**
 * Lesson Markdown with its glossary terms marked: each marked term is a button that opens the
 * term's definition in a native popover (keyboard-operable, closed with Escape or a click outside).
 * Rendered on the server: no script is needed for it.
 */
export function LessonMarkdown({ children, glossary, idPrefix }: { children: string; glossary: GlossaryTerm[]; idPrefix: string }) {
  if (!glossary.length) return <Markdown>{children}</Markdown>;
  let count = 0;
  const components = {
    [GLOSSARY_ELEMENT]: ({ children: text, ...props }: { children?: ReactNode; "data-term"?: string }) => {
      const entry = glossary[Number(props["data-term"])];
      if (!entry) return <>{text}</>;
      const id = `${idPrefix}-term-${count++}`;
      return (
        <>
          <button
            type="button"
            popoverTarget={id}
            className="cursor-help font-medium text-inherit underline decoration-brand-600 decoration-dotted decoration-2 underline-offset-4 dark:decoration-brand-100"
          >
            {text}
            <span className="sr-only"> (glossary term: show definition)</span>
          </button>
          <span id={id} popover="auto" className="m-auto max-w-sm rounded-lg border border-slate-300 bg-white p-4 text-left text-base text-slate-900 shadow-xl backdrop:bg-slate-900/20 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100">
            <strong className="block">{entry.term}</strong>
            <span className="mt-1 block">{entry.definition}</span>
            <button type="button" popoverTarget={id} popoverTargetAction="hide" className="mt-3 block rounded-md border border-slate-300 px-3 py-1 text-sm dark:border-slate-600">
              Close
            </button>
          </span>
        </>
      );
    },
  };
  return (
    <Markdown plugins={[remarkGlossaryTerms(glossary)]} extraComponents={components}>
      {children}
    </Markdown>
  );
}
