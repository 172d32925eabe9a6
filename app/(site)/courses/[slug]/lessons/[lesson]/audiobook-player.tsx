"use client";

import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { useLessonProgress } from "./progress-provider";
import { useCuedAudio, useServerRecordings } from "./use-recording";
import { SPEEDS, useSpeech } from "./use-speech";

export type AudiobookChapter = {
  key: string;
  title: string;
  points: string[];
  explanation: ReactNode;
  analogy: ReactNode;
  /** What is read aloud, in order: title, each point, the explanation, the analogy (chapterSegments). */
  segments: string[];
};

const segmentsOf = (chapter: AudiobookChapter) => chapter.segments;

/**
 * The audiobook: chapters on screen in full, each narrated on request from where the learner last
 * stopped in that chapter (positions are saved per chapter). The section counts as listened to by
 * the share of all chapters' passages heard. Where the browser has no voices, a chapter plays the
 * server's recording of it, and the highlight follows the recording passage by passage.
 */
export function AudiobookPlayer({ sectionId, lesson, chapters }: { sectionId: string; lesson: { courseSlug: string; lessonSlug: string }; chapters: AudiobookChapter[] }) {
  const { states, report } = useLessonProgress();
  const savedOffsets = states[sectionId]?.position?.chapters;
  const [offsets, setOffsets] = useState<Record<string, number>>(() => ({ ...(savedOffsets ?? {}) }));
  const [playing, setPlaying] = useState<{ chapter: number; segment: number } | null>(null);
  const { support, rate, setRate, speak, stop } = useSpeech();
  const offsetsRef = useRef(offsets);
  // Chapters are long: each is rendered only when a learner without voices asks to hear it.
  const [requested, setRequested] = useState<ReadonlySet<number>>(() => new Set());
  const rendered = useServerRecordings({ ...lesson, sectionId, wanted: chapters.map((_, index) => support === "none" && requested.has(index)) });
  const { play: playCued, stop: stopCued } = useCuedAudio(rate);
  // The chapter whose recording is playing: cue changes move `playing` without restarting it.
  const recordingChapter = useRef<number | null>(null);
  const canPlay = (index: number) => support === "ready" || (support === "none" && rendered[index] !== "failed");

  const save = useCallback(
    (next: Record<string, number>, chapter: number) => {
      offsetsRef.current = next;
      setOffsets(next);
      const heard = chapters.reduce((sum, entry) => sum + Math.min(next[entry.key] ?? 0, segmentsOf(entry).length) / segmentsOf(entry).length, 0);
      report(sectionId, { percent: Math.round((heard / chapters.length) * 100), position: { chapter, chapters: next } });
    },
    [chapters, report, sectionId],
  );

  useEffect(() => {
    if (!playing) return;
    const chapter = chapters[playing.chapter]!;
    const segments = segmentsOf(chapter);
    if (support === "none") {
      const recording = rendered[playing.chapter];
      if (!recording || recording === "failed" || recordingChapter.current === playing.chapter) return;
      const chapterIndex = playing.chapter;
      recordingChapter.current = chapterIndex;
      playCued(recording, playing.segment, {
        onCue: (segment) => {
          save({ ...offsetsRef.current, [chapter.key]: Math.max(offsetsRef.current[chapter.key] ?? 0, segment) }, chapterIndex);
          setPlaying({ chapter: chapterIndex, segment });
        },
        onEnd: () => {
          recordingChapter.current = null;
          save({ ...offsetsRef.current, [chapter.key]: segments.length }, chapterIndex);
          setPlaying(null);
        },
        onError: () => {
          recordingChapter.current = null;
          setPlaying(null);
        },
      });
      return;
    }
    speak(segments[playing.segment]!, "narrator", () => {
      const reached = Math.max(offsetsRef.current[chapter.key] ?? 0, playing.segment + 1);
      save({ ...offsetsRef.current, [chapter.key]: reached }, playing.chapter);
      setPlaying(playing.segment + 1 < segments.length ? { chapter: playing.chapter, segment: playing.segment + 1 } : null);
    });
  }, [playing, chapters, speak, save, support, rendered, playCued]);

  useEffect(() => {
    if (!playing) return;
    const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    document.getElementById(`${sectionId}-seg-${playing.chapter}-${playing.segment}`)?.scrollIntoView({ block: "nearest", behavior: reduce ? "auto" : "smooth" });
  }, [playing, sectionId]);

  function toggle(chapterIndex: number, fromStart = false) {
    recordingChapter.current = null;
    if (playing?.chapter === chapterIndex && !fromStart) {
      stop();
      stopCued();
      setPlaying(null);
      return;
    }
    if (support === "none") setRequested((current) => (current.has(chapterIndex) ? current : new Set(current).add(chapterIndex)));
    const chapter = chapters[chapterIndex]!;
    const saved = offsets[chapter.key] ?? 0;
    setPlaying({ chapter: chapterIndex, segment: fromStart || saved >= segmentsOf(chapter).length ? 0 : saved });
  }

  const active = (chapter: number, segment: number) => playing?.chapter === chapter && playing.segment === segment;
  const highlight = (chapter: number, segment: number) => (active(chapter, segment) ? "rounded bg-brand-100 ring-2 ring-brand-600 dark:bg-slate-800" : "");

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <label className="flex items-center gap-2">
          Narration speed
          <select value={rate} onChange={(event) => setRate(Number(event.target.value))} className="rounded-md border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-600 dark:bg-slate-900">
            {SPEEDS.map((speed) => (
              <option key={speed} value={speed}>
                {speed}×
              </option>
            ))}
          </select>
        </label>
        {support === "none" && playing && rendered[playing.chapter] === null ? (
          <p role="status" className="rounded-md bg-slate-100 px-3 py-2 text-slate-800 dark:bg-slate-900 dark:text-slate-200">
            This browser has no speech voices: preparing a recording of chapter {playing.chapter + 1}…
          </p>
        ) : support === "none" && rendered.some((entry) => entry === "failed") ? (
          <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-amber-900 dark:bg-amber-950 dark:text-amber-100">
            No voice is available: this browser has no speech voices and the server has no recording of these chapters; their full text is below.
          </p>
        ) : support === "none" ? (
          <p role="status" className="rounded-md bg-slate-100 px-3 py-2 text-slate-800 dark:bg-slate-900 dark:text-slate-200">
            This browser has no speech voices, so each chapter plays a recording made on the server.
          </p>
        ) : null}
      </div>
      <ol className="space-y-6">
        {chapters.map((chapter, index) => {
          const total = segmentsOf(chapter).length;
          const reached = Math.min(offsets[chapter.key] ?? 0, total);
          const isPlaying = playing?.chapter === index;
          return (
            <li key={chapter.key} className="space-y-3 rounded-lg border border-slate-200 p-5 dark:border-slate-800">
              <h3 id={`${sectionId}-seg-${index}-0`} className={`text-lg font-semibold ${highlight(index, 0)}`}>
                Chapter {index + 1}: {chapter.title}
              </h3>
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <button
                  type="button"
                  disabled={!canPlay(index)}
                  onClick={() => toggle(index)}
                  className="rounded-md bg-brand-600 px-3 py-1.5 font-semibold text-white hover:bg-brand-700 disabled:bg-slate-400"
                >
                  {isPlaying ? "Pause" : reached > 0 && reached < total ? "Resume" : "Listen"}
                  <span className="sr-only"> chapter {index + 1}</span>
                </button>
                {reached > 0 && !isPlaying ? (
                  <button type="button" disabled={!canPlay(index)} onClick={() => toggle(index, true)} className="rounded-md border border-slate-300 px-3 py-1.5 disabled:opacity-50 dark:border-slate-600">
                    Start over<span className="sr-only"> chapter {index + 1}</span>
                  </button>
                ) : null}
                <span className="text-slate-700 dark:text-slate-300">{reached >= total ? "Heard" : reached > 0 ? `${Math.round((reached / total) * 100)}% heard` : null}</span>
              </div>
              <ul className="list-disc space-y-1 pl-6">
                {chapter.points.map((point, pointIndex) => (
                  <li key={point} id={`${sectionId}-seg-${index}-${pointIndex + 1}`} className={highlight(index, pointIndex + 1)}>
                    {point}
                  </li>
                ))}
              </ul>
              <div id={`${sectionId}-seg-${index}-${chapter.points.length + 1}`} className={highlight(index, chapter.points.length + 1)}>
                {chapter.explanation}
              </div>
              <div
                id={`${sectionId}-seg-${index}-${chapter.points.length + 2}`}
                className={`rounded-md border-l-4 border-brand-500 bg-brand-50 px-4 py-3 dark:bg-slate-900 ${highlight(index, chapter.points.length + 2)}`}
              >
                <p className="text-sm font-semibold">Analogy</p>
                {chapter.analogy}
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
