"use client";

import { LAB_PRESETS } from "@/lib/ml/presets";
import type { SectionEditorProps } from "../draft";
import { MarkdownField, SelectField, TextField } from "../fields";

const presetChoices = LAB_PRESETS.map((preset) => ({ value: preset.id, label: preset.title }));

/** An embedded ML lab experiment, by preset. */
export function LabEditor({ section, path, onChange }: SectionEditorProps<"lab">) {
  const preset = LAB_PRESETS.find((candidate) => candidate.id === section.preset);
  return (
    <div className="space-y-4">
      <TextField label="Lab title" path={[...path, "title"]} value={section.title} onChange={(title) => onChange({ ...section, title: title ?? "" })} />
      <SelectField label="Experiment preset" path={[...path, "preset"]} value={section.preset} choices={presetChoices} hint={preset?.description} onChange={(value) => onChange({ ...section, preset: value ?? "" })} />
      <MarkdownField label="Introduction" path={[...path, "intro"]} value={section.intro} onChange={(intro) => onChange({ ...section, intro: intro ?? "" })} />
    </div>
  );
}
