"use client";

import { useContext } from "react";
import { SPEAKERS } from "@/lib/content/schema";
import { Button } from "../../../../_components/button";
import { newItem, type SectionEditorProps } from "../draft";
import { KeyNote, SelectField, TextAreaField, TextField } from "../fields";
import { arrayOps, capitalize, ListEditor, replaceAt } from "../list-editor";
import { MediaUpload, StudioCourseSlug } from "../media-upload";

const speakerChoices = SPEAKERS.map((speaker) => ({ value: speaker, label: capitalize(speaker) }));

/** A dialogue between a teacher and a student, in scenes of turns. */
export function AudioLessonEditor({ section, path, onChange }: SectionEditorProps<"audio-lesson">) {
  const scenesPath = [...path, "scenes"];
  const courseSlug = useContext(StudioCourseSlug);
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
              <div className="space-y-2 rounded-md border border-dashed border-slate-300 p-3 dark:border-slate-700">
                {scene.audio && courseSlug ? (
                  <div className="flex flex-wrap items-center gap-3">
                    <audio controls preload="none" src={`/courses/${courseSlug}/media/${scene.audio}`} aria-label={`Recording of ${scene.title || "this scene"}`} />
                    <Button type="button" variant="secondary" onClick={() => update({ ...scene, audio: undefined })}>
                      Remove recording
                    </Button>
                  </div>
                ) : (
                  <p className="text-sm text-slate-600 dark:text-slate-400">No recording: learners hear the text read aloud.</p>
                )}
                <MediaUpload kind="audio" label={scene.audio ? "Replace the recording" : "Upload a recording of this scene"} onUploaded={(media) => update({ ...scene, audio: media.path })} />
              </div>
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
