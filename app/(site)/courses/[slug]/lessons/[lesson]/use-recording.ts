"use client";

import { useQueries } from "@tanstack/react-query";
import { useCallback, useEffect, useRef } from "react";
import { cueAt, type Cue } from "@/lib/narration/cues";
import { useTRPC } from "@/app/_trpc/client";

export type Recording = { url: string; duration: number; cues: Cue[] };
/** A part's recording: null while it is being fetched (and rendered on first request), "failed" when the server has none. */
export type RecordingState = Recording | null | "failed";

/**
 * The server's recordings of a section's parts (dialogue scenes or audiobook chapters), each fetched
 * only once `wanted[part]` holds: the browser's own voices stay the first choice, so nothing is
 * rendered for a browser that can speak, nor for a part nobody is about to hear. A render happens on
 * the first request for a part, never during the page render. A fetched part stays known.
 */
type RecordingQuery = { data?: Recording; isError: boolean };
// One function for every render, so the list keeps its identity until a query's result changes.
const toStates = (results: RecordingQuery[]): RecordingState[] => results.map((result) => (result.data ? result.data : result.isError ? "failed" : null));

export function useServerRecordings(options: { courseSlug: string; lessonSlug: string; sectionId: string; wanted: boolean[] }): RecordingState[] {
  const trpc = useTRPC();
  return useQueries({
    queries: options.wanted.map((wanted, part) => ({
      ...trpc.narration.recording.queryOptions({ courseSlug: options.courseSlug, lessonSlug: options.lessonSlug, sectionId: options.sectionId, part }),
      enabled: wanted,
      staleTime: Infinity,
      retry: 1,
    })),
    combine: toStates,
  });
}

type Handlers = { onCue: (index: number) => void; onEnd: () => void; onError: () => void };

/** Starts `audio` at cue `from` of the recording; handlers fire only while `live()` holds. */
function start(audio: HTMLAudioElement, recording: Recording, from: number, rate: number, handlers: Handlers, live: () => boolean) {
  const source = new URL(recording.url, window.location.href).href;
  if (audio.src !== source) audio.src = source;
  audio.playbackRate = rate;
  // Before the metadata is in, this sets where playback will begin; the server answers the seek with a byte range.
  audio.currentTime = recording.cues[from]?.start ?? 0;
  let heard = from;
  audio.ontimeupdate = () => {
    if (!live()) return;
    const index = cueAt(recording.cues, audio.currentTime);
    if (index !== heard) {
      heard = index;
      handlers.onCue(index);
    }
  };
  audio.onended = () => {
    if (live()) handlers.onEnd();
  };
  audio.onerror = () => {
    if (live()) handlers.onError();
  };
  void audio.play().catch(() => {
    if (live()) handlers.onError();
  });
}

/**
 * Plays a recording from one of its cues and reports the cue being heard as it plays, so the
 * transcript's highlight follows the sound. `stop` silences it; handlers of a stopped play never fire.
 */
export function useCuedAudio(rate: number) {
  const element = useRef<HTMLAudioElement | null>(null);
  const generation = useRef(0);
  const rateRef = useRef(rate);

  useEffect(() => {
    rateRef.current = rate;
    if (element.current) element.current.playbackRate = rate;
  }, [rate]);

  const stop = useCallback(() => {
    generation.current += 1;
    element.current?.pause();
  }, []);

  useEffect(() => stop, [stop]);

  const play = useCallback(
    (recording: Recording, from: number, handlers: Handlers) => {
      stop();
      const mine = generation.current;
      const audio = element.current ?? new Audio();
      element.current = audio;
      start(audio, recording, from, rateRef.current, handlers, () => generation.current === mine);
    },
    [stop],
  );

  return { play, stop };
}
