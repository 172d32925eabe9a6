"use client";

import { useId, useState } from "react";
import { ContentCard } from "./content-card";

type Entry = { id: string; key: string; term: string; definition: string };

/** The glossary, searchable by term or definition; the count of matches is announced as it changes. */
export function GlossaryList({ entries, canAddCards }: { entries: Entry[]; canAddCards: boolean }) {
  const [query, setQuery] = useState("");
  const inputId = useId();
  const words = query.trim().toLowerCase();
  const shown = words ? entries.filter((entry) => entry.term.toLowerCase().includes(words) || entry.definition.toLowerCase().includes(words)) : entries;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <label htmlFor={inputId} className="text-sm font-medium">
          Search the glossary
        </label>
        <input
          id={inputId}
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          className="w-full max-w-xs rounded-md border border-slate-300 bg-white px-3 py-1.5 dark:border-slate-600 dark:bg-slate-900"
        />
        <p role="status" className="text-sm text-slate-700 dark:text-slate-300">
          {words ? `${shown.length} of ${entries.length} terms` : `${entries.length} terms`}
        </p>
      </div>
      <ul aria-label="Glossary terms" className="divide-y divide-slate-200 dark:divide-slate-800">
        {shown.map((entry) => (
          <ContentCard as="li" key={entry.id} itemId={entry.id} itemKey={entry.key} flashcard={canAddCards ? entry.term : null} className="py-3 sm:grid sm:grid-cols-3 sm:gap-4">
            <dfn className="font-semibold not-italic">{entry.term}</dfn>
            <p className="text-slate-700 sm:col-span-2 dark:text-slate-300">{entry.definition}</p>
          </ContentCard>
        ))}
      </ul>
      {shown.length === 0 ? <p className="text-sm text-slate-700 dark:text-slate-300">No term matches “{query}”.</p> : null}
    </div>
  );
}
