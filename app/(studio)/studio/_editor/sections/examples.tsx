"use client";

import { newItem, type SectionEditorProps } from "../draft";
import { KeyNote, MarkdownField, TextField } from "../fields";
import { arrayOps, ListEditor, replaceAt } from "../list-editor";

export function ExamplesEditor({ section, path, onChange }: SectionEditorProps<"examples">) {
  const itemsPath = [...path, "items"];
  return (
    <ListEditor
      path={itemsPath}
      items={section.items}
      noun="example"
      {...arrayOps(section.items, (items) => onChange({ ...section, items }), newItem.example)}
      renderItem={(item, i) => {
        const itemPath = [...itemsPath, i];
        const update = (next: typeof item) => onChange({ ...section, items: replaceAt(section.items, i, next) });
        return (
          <>
            <KeyNote path={[...itemPath, "key"]} value={item.key} />
            <TextField label="Example title" path={[...itemPath, "title"]} value={item.title} onChange={(title) => update({ ...item, title: title ?? "" })} />
            <MarkdownField label="Scenario" path={[...itemPath, "scenario"]} value={item.scenario} onChange={(scenario) => update({ ...item, scenario: scenario ?? "" })} />
          </>
        );
      }}
    />
  );
}
