"use client";

import type { ReactNode } from "react";
import type { PathSegment } from "@/lib/content/load";
import { Markdown } from "@/app/_components/markdown";
import { fieldId, ProblemText, useProblems } from "./problems";

// Form fields of the studio editors. Each is labelled, carries its content path (for its id and
// its problems), and ties its hint and problems to the control with aria-describedby.

export const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm aria-[invalid=true]:border-red-600 dark:border-slate-600 dark:bg-slate-900 dark:aria-[invalid=true]:border-red-400";

type FieldProps = { label: string; path: readonly PathSegment[]; hint?: ReactNode; optional?: boolean };

function useField(path: readonly PathSegment[], hint: ReactNode | undefined) {
  const id = fieldId(path);
  const problems = useProblems(path);
  const describedBy = [hint ? `${id}-hint` : null, problems.length ? `${id}-problems` : null].filter(Boolean).join(" ") || undefined;
  return { id, problems, control: { id, "aria-invalid": problems.length ? true : undefined, "aria-describedby": describedBy } };
}

function FieldFrame({ id, label, optional, hint, problems, children }: { id: string; label: string; optional?: boolean; hint?: ReactNode; problems: string[]; children: ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
        {optional ? <span className="font-normal text-slate-600 dark:text-slate-400"> (optional)</span> : null}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
      <ProblemText id={`${id}-problems`} messages={problems} />
    </div>
  );
}

/** Optional text fields leave the content when emptied, as an author would leave them out of a file. */
function textValue(value: string, optional?: boolean): string | undefined {
  return optional && value.trim() === "" ? undefined : value;
}

export function TextField({ label, path, hint, optional, value, onChange, type = "text" }: FieldProps & { value: string | undefined; onChange: (value: string | undefined) => void; type?: "text" | "url" }) {
  const { id, problems, control } = useField(path, hint);
  return (
    <FieldFrame id={id} label={label} optional={optional} hint={hint} problems={problems}>
      <input {...control} type={type} value={value ?? ""} onChange={(e) => onChange(textValue(e.target.value, optional))} className={inputClass} />
    </FieldFrame>
  );
}

export function TextAreaField({ label, path, hint, optional, value, onChange, rows = 3 }: FieldProps & { value: string | undefined; onChange: (value: string | undefined) => void; rows?: number }) {
  const { id, problems, control } = useField(path, hint);
  return (
    <FieldFrame id={id} label={label} optional={optional} hint={hint} problems={problems}>
      <textarea {...control} rows={rows} value={value ?? ""} onChange={(e) => onChange(textValue(e.target.value, optional))} className={inputClass} />
    </FieldFrame>
  );
}

/** A Markdown field with a live preview rendered as learners will see it: sanitized, raw HTML dropped. */
export function MarkdownField({ label, path, hint, optional, value, onChange, rows = 4 }: FieldProps & { value: string | undefined; onChange: (value: string | undefined) => void; rows?: number }) {
  const { id, problems, control } = useField(path, hint);
  return (
    <FieldFrame id={id} label={label} optional={optional} hint={hint ?? "Markdown: **bold**, *italic*, lists, [links](https://example.com). Raw HTML is not shown to learners."} problems={problems}>
      <div className="grid gap-3 lg:grid-cols-2">
        <textarea {...control} rows={rows} value={value ?? ""} onChange={(e) => onChange(textValue(e.target.value, optional))} className={`${inputClass} font-mono text-sm`} />
        <div className="min-h-16 rounded-md border border-dashed border-slate-300 p-3 text-sm dark:border-slate-700" role="group" aria-label={`Preview of ${label}`}>
          {value?.trim() ? <Markdown>{value}</Markdown> : <p className="text-slate-500 dark:text-slate-400">The preview appears here as you type.</p>}
        </div>
      </div>
    </FieldFrame>
  );
}

export function NumberField({ label, path, hint, optional, value, onChange, min, step }: FieldProps & { value: number | undefined; onChange: (value: number | undefined) => void; min?: number; step?: number | "any" }) {
  const { id, problems, control } = useField(path, hint);
  return (
    <FieldFrame id={id} label={label} optional={optional} hint={hint} problems={problems}>
      <input
        {...control}
        type="number"
        inputMode="decimal"
        min={min}
        step={step}
        value={value === undefined || Number.isNaN(value) ? "" : value}
        onChange={(e) => onChange(e.target.value === "" || Number.isNaN(e.target.valueAsNumber) ? undefined : e.target.valueAsNumber)}
        className={`${inputClass} max-w-40`}
      />
    </FieldFrame>
  );
}

export function CheckboxField({ label, path, hint, checked, onChange }: Omit<FieldProps, "optional"> & { checked: boolean; onChange: (checked: boolean) => void }) {
  const { id, problems, control } = useField(path, hint);
  return (
    <div className="space-y-1">
      <div className="flex items-center gap-2">
        <input {...control} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} className="h-4 w-4" />
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
      </div>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
      <ProblemText id={`${id}-problems`} messages={problems} />
    </div>
  );
}

export type Choice<T extends string> = { value: T; label: string };

export function SelectField<T extends string>({ label, path, hint, optional, value, choices, onChange }: FieldProps & { value: T | undefined; choices: readonly Choice<T>[]; onChange: (value: T | undefined) => void }) {
  const { id, problems, control } = useField(path, hint);
  return (
    <FieldFrame id={id} label={label} optional={optional} hint={hint} problems={problems}>
      <select {...control} value={value ?? ""} onChange={(e) => onChange((e.target.value || undefined) as T | undefined)} className={`${inputClass} max-w-md`}>
        {optional || value === undefined ? <option value="">{optional ? "None" : "Choose…"}</option> : null}
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** The read-only key of a stored item, and any problem with it (a duplicate, say). */
export function KeyNote({ path, value }: { path: readonly PathSegment[]; value: string | undefined }) {
  const problems = useProblems(path);
  const id = fieldId(path);
  return (
    <div id={id} tabIndex={-1} className="space-y-1">
      {value ? (
        <p className="text-xs text-slate-600 dark:text-slate-400">
          Key <code>{value}</code>: learners&apos; progress stays with this item when you edit its text.
        </p>
      ) : null}
      <ProblemText id={`${id}-problems`} messages={problems} />
    </div>
  );
}
