"use client";

import { newItem, type SectionEditorProps } from "../draft";
import { KeyNote, MarkdownField, TextField } from "../fields";
import { arrayOps, ListEditor, replaceAt } from "../list-editor";
import { StringListField } from "../string-list";

/** Chapters with key points, an explanation and an analogy. */
export function AudiobookEditor({ section, path, onChange }: SectionEditorProps<"audiobook">) {
  const chaptersPath = [...path, "chapters"];
  return (
    <ListEditor
      path={chaptersPath}
      items={section.chapters}
      noun="chapter"
      confirmRemove
      {...arrayOps(section.chapters, (chapters) => onChange({ ...section, chapters }), newItem.chapter)}
      renderItem={(chapter, c) => {
        const chapterPath = [...chaptersPath, c];
        const update = (next: typeof chapter) => onChange({ ...section, chapters: replaceAt(section.chapters, c, next) });
        return (
          <>
            <KeyNote path={[...chapterPath, "key"]} value={chapter.key} />
            <TextField label="Chapter title" path={[...chapterPath, "title"]} value={chapter.title} onChange={(title) => update({ ...chapter, title: title ?? "" })} />
            <StringListField label="Point" noun="point" path={[...chapterPath, "points"]} items={chapter.points} onChange={(points) => update({ ...chapter, points })} />
            <MarkdownField label="Explanation" path={[...chapterPath, "explanation"]} value={chapter.explanation} onChange={(explanation) => update({ ...chapter, explanation: explanation ?? "" })} />
            <MarkdownField label="Analogy" path={[...chapterPath, "analogy"]} value={chapter.analogy} onChange={(analogy) => update({ ...chapter, analogy: analogy ?? "" })} />
          </>
        );
      }}
    />
  );
}
