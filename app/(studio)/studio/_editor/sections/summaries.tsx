"use client";

import type { SectionEditorProps } from "../draft";
import { MarkdownField } from "../fields";

const LEVELS = [
  { field: "basic", label: "Basic summary", hint: "A few sentences: the one idea to keep." },
  { field: "medium", label: "Medium summary", hint: "A paragraph or a short list." },
  { field: "detailed", label: "Detailed summary", hint: "Everything the lesson covers, briefly." },
] as const;

/** The lesson summarised at three depths. */
export function SummariesEditor({ section, path, onChange }: SectionEditorProps<"summaries">) {
  return (
    <div className="space-y-4">
      {LEVELS.map(({ field, label, hint }) => (
        <MarkdownField key={field} label={label} hint={hint} path={[...path, field]} value={section[field]} onChange={(value) => onChange({ ...section, [field]: value ?? "" })} />
      ))}
    </div>
  );
}
