"use client";

import { MEMORY_AID_KINDS } from "@/lib/content/schema";
import { newItem, type SectionEditorProps } from "../draft";
import { KeyNote, MarkdownField, SelectField, TextAreaField, TextField } from "../fields";
import { arrayOps, capitalize, ListEditor, replaceAt } from "../list-editor";

const kindChoices = MEMORY_AID_KINDS.map((kind) => ({ value: kind, label: capitalize(kind) }));

export function MemoryAidsEditor({ section, path, onChange }: SectionEditorProps<"memory-aids">) {
  const itemsPath = [...path, "items"];
  return (
    <ListEditor
      path={itemsPath}
      items={section.items}
      noun="memory aid"
      {...arrayOps(section.items, (items) => onChange({ ...section, items }), newItem.memoryAid)}
      renderItem={(item, i) => {
        const itemPath = [...itemsPath, i];
        const update = (next: typeof item) => onChange({ ...section, items: replaceAt(section.items, i, next) });
        return (
          <>
            <KeyNote path={[...itemPath, "key"]} value={item.key} />
            <SelectField label="Kind" path={[...itemPath, "kind"]} value={item.kind} choices={kindChoices} onChange={(kind) => update({ ...item, kind: kind ?? "mnemonic" })} />
            <TextField label="Aid title" path={[...itemPath, "title"]} value={item.title} onChange={(title) => update({ ...item, title: title ?? "" })} />
            <TextAreaField label="The aid" hint="The mnemonic, acronym, rhyme or story itself." path={[...itemPath, "text"]} value={item.text} onChange={(text) => update({ ...item, text: text ?? "" })} />
            <MarkdownField label="What it helps remember" optional path={[...itemPath, "explanation"]} value={item.explanation} onChange={(explanation) => update({ ...item, explanation })} />
          </>
        );
      }}
    />
  );
}
