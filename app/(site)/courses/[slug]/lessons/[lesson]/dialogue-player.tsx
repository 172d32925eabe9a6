"use client";

import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { useLessonProgress } from "./progress-provider";
import { useCuedAudio, useServerRecordings } from "./use-recording";
import { SPEEDS, useSpeech } from "./use-speech";

export type DialogueScene = { key: string; title: string; audioUrl: string | null; turns: { speaker: "teacher" | "student"; text: string }[] };
type Line = { index: number; scene: number; speaker: "teacher" | "student"; text: string };

const SPEAKER_NAME = { teacher: "Teacher", student: "Student" } as const;

/**
 * The audio lesson: the dialogue as a transcript that is always on screen, read aloud line by line
 * (or from a scene's recording where it has one), the spoken line highlighted and kept in view.
 * Where the browser has no voices, each scene plays the server's two-voice recording of it, and the
 * highlight follows the recording line by line.
 * Keys inside the player: Space plays or pauses, arrow keys move to the previous or next line.
 */
export function DialoguePlayer({ sectionId, lesson, scenes }: { sectionId: string; lesson: { courseSlug: string; lessonSlug: string }; scenes: DialogueScene[] }) {
  const { states, report } = useLessonProgress();
  const saved = states[sectionId];
  const lines = useMemo<Line[]>(() => {
    const all: Line[] = [];
    scenes.forEach((scene, sceneIndex) => scene.turns.forEach((turn) => all.push({ index: all.length, scene: sceneIndex, ...turn })));
    return all;
  }, [scenes]);
  const total = lines.length;
  const { support, rate, setRate, speak, stop: stopSpeech } = useSpeech();
  const { play: playCued, stop: stopCued } = useCuedAudio(rate);
  const stop = useCallback(() => {
    stopSpeech();
    stopCued();
  }, [stopSpeech, stopCued]);
  const [current, setCurrent] = useState(() => Math.min(saved?.position?.line ?? 0, total - 1));
  const [playing, setPlaying] = useState(false);
  // Whether the learner has asked to listen on this visit: nothing is rendered for a visitor who only reads.
  const [asked, setAsked] = useState(false);
  const currentSceneIndex = lines[current]!.scene;
  const rendered = useServerRecordings({
    ...lesson,
    sectionId,
    // Only where the browser cannot speak, for scenes without a recording of their own, once the
    // learner asks to listen: the scene at hand, and the next one while this one plays.
    wanted: scenes.map((scene, index) => support === "none" && asked && !scene.audioUrl && (index === currentSceneIndex || (playing && index === currentSceneIndex + 1))),
  });
  // The scene whose recording is playing: a ref drives playback, the state only what the page shows.
  const recordingScene = useRef<number | null>(null);
  const [recording, setRecording] = useState<number | null>(null);
  const [unplayable, setUnplayable] = useState<ReadonlySet<number>>(() => new Set());
  // Lines heard to the end. What an earlier visit heard is known only as a share, counted from the start.
  const heard = useRef(new Set<number>(Array.from({ length: Math.floor(((saved?.percent ?? 0) * total) / 100) }, (_, index) => index)));
  const lineRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const audio = useRef<HTMLAudioElement | null>(null);

  const markHeard = useCallback(
    (indices: number[], next: number) => {
      for (const index of indices) heard.current.add(index);
      report(sectionId, { percent: Math.round((heard.current.size / total) * 100), position: { line: Math.min(next, total - 1) } });
    },
    [report, sectionId, total],
  );

  const canSpeak = support === "ready";

  // Speak (or play the recording of) the current line while playing.
  useEffect(() => {
    if (!playing) return;
    const line = lines[current];
    if (!line) return;
    const scene = scenes[line.scene]!;
    if (scene.audioUrl && !unplayable.has(line.scene) && recordingScene.current !== line.scene) {
      const sceneLines = lines.filter((entry) => entry.scene === line.scene);
      const element = audio.current ?? new Audio();
      audio.current = element;
      element.src = scene.audioUrl;
      element.playbackRate = rate;
      recordingScene.current = line.scene;
      element.onplaying = () => setRecording(line.scene);
      element.onended = () => {
        const next = sceneLines[sceneLines.length - 1]!.index + 1;
        markHeard(sceneLines.map((entry) => entry.index), next);
        recordingScene.current = null;
        setRecording(null);
        if (next < total) setCurrent(next);
        else setPlaying(false);
      };
      element.onerror = () => {
        // The recording is missing or cannot play here: read the scene instead.
        recordingScene.current = null;
        setRecording(null);
        setUnplayable((current) => new Set(current).add(line.scene));
        if (!canSpeak) setPlaying(false);
      };
      void element.play().catch(() => setPlaying(false));
      return;
    }
    if (recordingScene.current !== null) return;
    const serverRecording = rendered[line.scene];
    // Still being rendered: playback starts when it arrives.
    if (!canSpeak && !scene.audioUrl && serverRecording === null) return;
    if (!canSpeak && !scene.audioUrl && serverRecording && serverRecording !== "failed") {
      const sceneLines = lines.filter((entry) => entry.scene === line.scene);
      const from = sceneLines.findIndex((entry) => entry.index === line.index);
      recordingScene.current = line.scene;
      let at = from;
      playCued(serverRecording, from, {
        onCue: (index) => {
          // Every line the recording has moved past was heard.
          markHeard(sceneLines.slice(at, index).map((entry) => entry.index), sceneLines[index]!.index);
          at = index;
          setCurrent(sceneLines[index]!.index);
        },
        onEnd: () => {
          const next = sceneLines[sceneLines.length - 1]!.index + 1;
          markHeard(sceneLines.slice(at).map((entry) => entry.index), next);
          recordingScene.current = null;
          if (next < total) setCurrent(next);
          else setPlaying(false);
        },
        onError: () => {
          recordingScene.current = null;
          setPlaying(false);
        },
      });
      return;
    }
    if (!canSpeak) {
      const stopped = setTimeout(() => setPlaying(false), 0);
      return () => clearTimeout(stopped);
    }
    speak(line.text, line.speaker, () => {
      markHeard([current], current + 1);
      if (current + 1 < total) setCurrent(current + 1);
      else setPlaying(false);
    });
  }, [playing, current, lines, scenes, unplayable, rate, canSpeak, speak, markHeard, total, rendered, playCued]);

  useEffect(() => {
    if (audio.current) audio.current.playbackRate = rate;
  }, [rate]);

  useEffect(() => () => audio.current?.pause(), []);

  // Keep the spoken line in view while playing.
  useEffect(() => {
    if (!playing) return;
    const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    lineRefs.current[current]?.scrollIntoView({ block: "nearest", behavior: reduce ? "auto" : "smooth" });
  }, [current, playing]);

  const pause = useCallback(() => {
    setPlaying(false);
    stop();
    audio.current?.pause();
    recordingScene.current = null;
    setRecording(null);
    report(sectionId, { position: { line: current } });
  }, [stop, report, sectionId, current]);

  const play = useCallback(() => {
    setAsked(true);
    setPlaying(true);
  }, []);

  const goTo = useCallback(
    (index: number) => {
      const target = Math.max(0, Math.min(total - 1, index));
      stop();
      audio.current?.pause();
      recordingScene.current = null;
      setRecording(null);
      setCurrent(target);
      report(sectionId, { position: { line: target } });
    },
    [stop, report, sectionId, total],
  );

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const target = event.target as HTMLElement;
    if (target.tagName === "SELECT") return;
    if (event.key === " ") {
      event.preventDefault();
      if (playing) pause();
      else play();
    } else if (event.key === "ArrowLeft" || event.key === "ArrowUp") {
      event.preventDefault();
      goTo(current - 1);
      if (target.dataset.line !== undefined) lineRefs.current[Math.max(0, current - 1)]?.focus();
    } else if (event.key === "ArrowRight" || event.key === "ArrowDown") {
      event.preventDefault();
      goTo(current + 1);
      if (target.dataset.line !== undefined) lineRefs.current[Math.min(total - 1, current + 1)]?.focus();
    }
  }

  const anyRecording = scenes.some((scene) => scene.audioUrl);
  const currentScene = scenes[currentSceneIndex]!;
  const currentRendered = rendered[currentSceneIndex];
  const serverState = support !== "none" || currentScene.audioUrl ? "unused" : !asked ? "available" : currentRendered === null ? "preparing" : currentRendered === "failed" ? "failed" : "ready";
  // Listen may be pressed while the scene at hand is still being rendered: it plays once it is in.
  const playable = canSpeak || anyRecording || serverState === "available" || serverState === "preparing" || serverState === "ready";
  const line = lines[current]!;

  return (
    <div onKeyDown={onKeyDown} className="space-y-4">
      <div role="group" aria-label="Audio lesson player" className="flex flex-wrap items-center gap-2 rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-950">
        <button
          type="button"
          onClick={playing ? pause : play}
          disabled={!playable}
          aria-label={playing ? "Pause" : current > 0 ? "Resume listening" : "Listen"}
          className="inline-flex min-w-24 items-center justify-center gap-2 rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:bg-slate-400"
        >
          <span aria-hidden="true">{playing ? "❚❚" : "▶"}</span>
          {playing ? "Pause" : current > 0 ? "Resume" : "Listen"}
        </button>
        <button type="button" onClick={() => goTo(current - 1)} disabled={current === 0} className="rounded-md border border-slate-300 px-3 py-2 text-sm disabled:opacity-50 dark:border-slate-600">
          <span aria-hidden="true">⏮</span> Previous line
        </button>
        <button type="button" onClick={() => goTo(current + 1)} disabled={current >= total - 1} className="rounded-md border border-slate-300 px-3 py-2 text-sm disabled:opacity-50 dark:border-slate-600">
          Next line <span aria-hidden="true">⏭</span>
        </button>
        <label className="flex items-center gap-2 text-sm">
          Speed
          <select value={rate} onChange={(event) => setRate(Number(event.target.value))} className="rounded-md border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-600 dark:bg-slate-900">
            {SPEEDS.map((speed) => (
              <option key={speed} value={speed}>
                {speed}×
              </option>
            ))}
          </select>
        </label>
        <p className="text-sm text-slate-700 dark:text-slate-300" aria-live="polite">
          <span data-testid="player-position">
            Line {current + 1} of {total}
          </span>{" "}
          · {playing ? `${SPEAKER_NAME[line.speaker]} speaking` : "Paused"}
        </p>
        <p className="w-full text-xs text-slate-600 dark:text-slate-400">Keys: Space plays or pauses; arrow keys move between lines; choose a line to start there.</p>
        {serverState === "available" ? (
          <p role="status" className="w-full rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-800 dark:bg-slate-900 dark:text-slate-200">
            This browser has no speech voices: Listen plays a recording made on the server (two synthetic voices). The full transcript is below.
          </p>
        ) : serverState === "preparing" ? (
          <p role="status" className="w-full rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-800 dark:bg-slate-900 dark:text-slate-200">
            This browser has no speech voices: preparing a recording of the lesson…
          </p>
        ) : serverState === "ready" ? (
          <p role="status" className="w-full rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-800 dark:bg-slate-900 dark:text-slate-200">
            This browser has no speech voices, so the lesson plays a recording made on the server (two synthetic voices). The full transcript is below.
          </p>
        ) : serverState === "failed" ? (
          <p role="status" className="w-full rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
            {anyRecording
              ? "This browser has no speech voices, so only the scenes with a recording can play. The full transcript is below."
              : "No voice is available: this browser has no speech voices and the server has no recording of this lesson. Everything it would say is in the transcript below."}
          </p>
        ) : null}
      </div>

      {scenes.map((scene, sceneIndex) => (
        <div key={scene.key} className="space-y-3">
          <h3 className="text-lg font-semibold">
            {scene.title}
            {scene.audioUrl ? <span className="ml-2 text-sm font-normal text-slate-600 dark:text-slate-400">(recorded{recording === sceneIndex ? ", playing" : ""})</span> : null}
          </h3>
          <ol className="space-y-3" aria-label={`Transcript: ${scene.title}`}>
            {lines
              .filter((entry) => entry.scene === sceneIndex)
              .map((entry) => {
                const active = entry.index === current;
                return (
                  <li key={entry.index} className={`flex gap-3 ${entry.speaker === "student" ? "flex-row-reverse" : ""}`}>
                    <span aria-hidden="true" className={`flex h-9 w-9 shrink-0 items-center justify-center rounded-full text-sm font-bold text-white ${entry.speaker === "teacher" ? "bg-brand-600" : "bg-emerald-700"}`}>
                      {entry.speaker === "teacher" ? "T" : "S"}
                    </span>
                    <button
                      type="button"
                      ref={(element) => {
                        lineRefs.current[entry.index] = element;
                      }}
                      data-line={entry.index}
                      aria-current={active ? "true" : undefined}
                      onClick={() => {
                        goTo(entry.index);
                        if (playable) play();
                      }}
                      className={`max-w-2xl rounded-lg px-4 py-2 text-left ${entry.speaker === "student" ? "text-right" : ""} ${
                        active ? "bg-brand-100 ring-2 ring-brand-600 dark:bg-slate-800" : "bg-slate-100 hover:bg-slate-200 dark:bg-slate-900 dark:hover:bg-slate-800"
                      }`}
                    >
                      <span className="sr-only">{SPEAKER_NAME[entry.speaker]}: </span>
                      {entry.text}
                    </button>
                  </li>
                );
              })}
          </ol>
        </div>
      ))}
    </div>
  );
}
