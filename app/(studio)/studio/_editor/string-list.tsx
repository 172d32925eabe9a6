"use client";

import type { PathSegment } from "@/lib/content/load";
import { TextField } from "./fields";
import { arrayOps, ListEditor, replaceAt } from "./list-editor";

/** A list of short texts (points, objectives, accepted answers, tags), one field each. */
export function StringListField({ label, noun, path, items, onChange, hint }: { label: string; noun: string; path: readonly PathSegment[]; items: string[]; onChange: (items: string[]) => void; hint?: string }) {
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">{label}s</legend>
      {hint ? <p className="text-sm text-slate-600 dark:text-slate-400">{hint}</p> : null}
      <ListEditor
        path={path}
        items={items}
        noun={noun}
        compact
        {...arrayOps(items, onChange, () => "")}
        renderItem={(item, index) => (
          <TextField label={`${label} ${index + 1}`} path={[...path, index]} value={item} onChange={(value) => onChange(replaceAt(items, index, value ?? ""))} />
        )}
      />
    </fieldset>
  );
}
