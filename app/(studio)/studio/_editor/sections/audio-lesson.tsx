"use client";

import { SPEAKERS } from "@/lib/content/schema";
import { newItem, type SectionEditorProps } from "../draft";
import { KeyNote, SelectField, TextAreaField, TextField } from "../fields";
import { arrayOps, capitalize, ListEditor, replaceAt } from "../list-editor";

const speakerChoices = SPEAKERS.map((speaker) => ({ value: speaker, label: capitalize(speaker) }));

/** A dialogue between a teacher and a student, in scenes of turns. */
export function AudioLessonEditor({ section, path, onChange }: SectionEditorProps<"audio-lesson">) {
  const scenesPath = [...path, "scenes"];
  return (
    <div className="space-y-4">
      <TextField label="Section title" optional path={[...path, "title"]} value={section.title} onChange={(title) => onChange({ ...section, title })} />
      <ListEditor
        path={scenesPath}
        items={section.scenes}
        noun="scene"
        confirmRemove
        {...arrayOps(section.scenes, (scenes) => onChange({ ...section, scenes }), newItem.scene)}
        renderItem={(scene, s) => {
          const scenePath = [...scenesPath, s];
          const update = (next: typeof scene) => onChange({ ...section, scenes: replaceAt(section.scenes, s, next) });
          return (
            <>
              <KeyNote path={[...scenePath, "key"]} value={scene.key} />
              <TextField label="Scene title" path={[...scenePath, "title"]} value={scene.title} onChange={(title) => update({ ...scene, title: title ?? "" })} />
              <ListEditor
                path={[...scenePath, "turns"]}
                items={scene.turns}
                noun="turn"
                {...arrayOps(scene.turns, (turns) => update({ ...scene, turns }), () => newItem.turn(scene.turns.at(-1)))}
                renderItem={(turn, t) => {
                  const turnPath = [...scenePath, "turns", t];
                  const updateTurn = (next: typeof turn) => update({ ...scene, turns: replaceAt(scene.turns, t, next) });
                  return (
                    <div className="grid gap-3 sm:grid-cols-[10rem_1fr]">
                      <SelectField label="Speaker" path={[...turnPath, "speaker"]} value={turn.speaker} choices={speakerChoices} onChange={(speaker) => updateTurn({ ...turn, speaker: speaker ?? "teacher" })} />
                      <TextAreaField label="What they say" rows={2} path={[...turnPath, "text"]} value={turn.text} onChange={(text) => updateTurn({ ...turn, text: text ?? "" })} />
                    </div>
                  );
                }}
              />
            </>
          );
        }}
      />
    </div>
  );
}
