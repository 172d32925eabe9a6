"use client";

import { newItem, type SectionEditorProps } from "../draft";
import { KeyNote, TextAreaField } from "../fields";
import { arrayOps, ListEditor, replaceAt } from "../list-editor";

export function FlashcardsEditor({ section, path, onChange }: SectionEditorProps<"flashcards">) {
  const itemsPath = [...path, "items"];
  return (
    <ListEditor
      path={itemsPath}
      items={section.items}
      noun="card"
      {...arrayOps(section.items, (items) => onChange({ ...section, items }), newItem.flashcard)}
      renderItem={(item, i) => {
        const itemPath = [...itemsPath, i];
        const update = (next: typeof item) => onChange({ ...section, items: replaceAt(section.items, i, next) });
        return (
          <>
            <KeyNote path={[...itemPath, "key"]} value={item.key} />
            <div className="grid gap-3 sm:grid-cols-2">
              <TextAreaField label="Front" rows={2} path={[...itemPath, "front"]} value={item.front} onChange={(front) => update({ ...item, front: front ?? "" })} />
              <TextAreaField label="Back" rows={2} path={[...itemPath, "back"]} value={item.back} onChange={(back) => update({ ...item, back: back ?? "" })} />
            </div>
          </>
        );
      }}
    />
  );
}
