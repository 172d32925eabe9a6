"use client";

import { createContext, useContext, type ReactNode } from "react";
import { formatFieldPath, type PathSegment } from "@/lib/content/load";

// Problems come from the server keyed by field path, exactly as `content:check` names fields
// (`sections[2].items[0].term`). Every field of the editors knows its own path, so it finds its
// problems here and is found from the summary through an id derived from the same path.

export type FieldProblems = Record<string, string[]>;

const ProblemsContext = createContext<FieldProblems>({});

export function ProblemsProvider({ problems, children }: { problems: FieldProblems; children: ReactNode }) {
  return <ProblemsContext.Provider value={problems}>{children}</ProblemsContext.Provider>;
}

export function pathKey(path: readonly PathSegment[]): string {
  return formatFieldPath(path);
}

/** The DOM id of the field (or list) at this path. */
export function fieldId(path: readonly PathSegment[] | string): string {
  const key = typeof path === "string" ? path : pathKey(path);
  return `field-${key.replace(/[^A-Za-z0-9]+/g, "-").replace(/-+$/, "")}`;
}

export function useProblems(path: readonly PathSegment[]): string[] {
  return useContext(ProblemsContext)[pathKey(path)] ?? [];
}

export function countProblems(problems: FieldProblems): number {
  return Object.values(problems).reduce((sum, messages) => sum + messages.length, 0);
}

/** Problems shown under a field or list, tied to it by `id` for aria-describedby. */
export function ProblemText({ id, messages }: { id: string; messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <p id={id} className="text-sm text-red-700 dark:text-red-400">
      {messages.join(" ")}
    </p>
  );
}

/** Every problem, each linking to its field: the list to work through before the course can be published. */
export function ProblemSummary({ problems, title }: { problems: FieldProblems; title: string }) {
  const entries = Object.entries(problems).flatMap(([field, messages]) => messages.map((message) => ({ field, message })));
  if (entries.length === 0) return null;
  return (
    <section aria-labelledby="problem-summary-heading" className="rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
      <h2 id="problem-summary-heading" className="font-semibold">
        {title}
      </h2>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {entries.map(({ field, message }, index) => (
          <li key={`${field}-${index}`}>
            <a href={`#${fieldId(field)}`} className="underline underline-offset-2">
              {field}
            </a>
            : {message}
          </li>
        ))}
      </ul>
    </section>
  );
}
