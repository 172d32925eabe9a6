"use client";

import { newItem, type SectionEditorProps } from "../draft";
import { CheckboxField, KeyNote, TextAreaField, TextField } from "../fields";
import { arrayOps, ListEditor, replaceAt } from "../list-editor";

export function GlossaryEditor({ section, path, onChange }: SectionEditorProps<"glossary">) {
  const itemsPath = [...path, "items"];
  return (
    <ListEditor
      path={itemsPath}
      items={section.items}
      noun="entry"
      legend={(_, i) => `Entry ${i + 1}`}
      {...arrayOps(section.items, (items) => onChange({ ...section, items }), newItem.glossaryEntry)}
      renderItem={(item, i) => {
        const itemPath = [...itemsPath, i];
        const update = (next: typeof item) => onChange({ ...section, items: replaceAt(section.items, i, next) });
        return (
          <>
            <KeyNote path={[...itemPath, "key"]} value={item.key} />
            <TextField label="Term" path={[...itemPath, "term"]} value={item.term} onChange={(term) => update({ ...item, term: term ?? "" })} />
            <TextAreaField label="Definition" rows={2} path={[...itemPath, "definition"]} value={item.definition} onChange={(definition) => update({ ...item, definition: definition ?? "" })} />
            <CheckboxField label="Also a flashcard" path={[...itemPath, "card"]} checked={item.card ?? true} onChange={(card) => update({ ...item, card })} />
          </>
        );
      }}
    />
  );
}
