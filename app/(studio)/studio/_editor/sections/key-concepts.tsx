"use client";

import { newItem, type SectionEditorProps } from "../draft";
import { CheckboxField, KeyNote, MarkdownField, TextField } from "../fields";
import { arrayOps, ListEditor, replaceAt } from "../list-editor";

export function KeyConceptsEditor({ section, path, onChange }: SectionEditorProps<"key-concepts">) {
  const itemsPath = [...path, "items"];
  return (
    <ListEditor
      path={itemsPath}
      items={section.items}
      noun="concept"
      {...arrayOps(section.items, (items) => onChange({ ...section, items }), newItem.keyConcept)}
      renderItem={(item, i) => {
        const itemPath = [...itemsPath, i];
        const update = (next: typeof item) => onChange({ ...section, items: replaceAt(section.items, i, next) });
        return (
          <>
            <KeyNote path={[...itemPath, "key"]} value={item.key} />
            <TextField label="Term" path={[...itemPath, "term"]} value={item.term} onChange={(term) => update({ ...item, term: term ?? "" })} />
            <MarkdownField label="Explanation" path={[...itemPath, "explanation"]} value={item.explanation} onChange={(explanation) => update({ ...item, explanation: explanation ?? "" })} />
            <CheckboxField label="Also a flashcard" path={[...itemPath, "card"]} checked={item.card ?? true} onChange={(card) => update({ ...item, card })} />
          </>
        );
      }}
    />
  );
}
