"use client";

import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import type { Speaker } from "@/lib/narration/speech-text";

export type SpeechSupport = "checking" | "ready" | "none";

export const SPEEDS = [0.75, 1, 1.25, 1.5, 1.75, 2] as const;
const RATE_KEY = "learnloop:speech-rate";
// Browsers load their voice list asynchronously (Chromium fires `voiceschanged`); past this wait,
// an empty list means there are none.
const VOICE_WAIT_MS = 1_500;

const RATE_EVENT = "learnloop:speech-rate";
let sessionRate = 1;

function storedRate(): number {
  try {
    const stored = Number(localStorage.getItem(RATE_KEY));
    return (SPEEDS as readonly number[]).includes(stored) ? stored : sessionRate;
  } catch {
    return sessionRate;
  }
}

function subscribeRate(callback: () => void) {
  window.addEventListener(RATE_EVENT, callback);
  return () => window.removeEventListener(RATE_EVENT, callback);
}

function pickVoices(voices: SpeechSynthesisVoice[]) {
  const english = voices.filter((voice) => voice.lang?.toLowerCase().startsWith("en"));
  const pool = english.length ? english : voices;
  const teacher = pool.find((voice) => voice.default) ?? pool[0];
  const student = pool.find((voice) => voice !== teacher);
  return { teacher, student };
}

/**
 * The browser's speech synthesis, with a voice per speaker (a second voice when there is one,
 * otherwise the same voice at a different pitch) and the learner's speed, remembered on this device.
 * `speak` replaces whatever is being said; callbacks of a replaced utterance never fire.
 */
export function useSpeech() {
  const [support, setSupport] = useState<SpeechSupport>("checking");
  const rate = useSyncExternalStore(subscribeRate, storedRate, () => 1);
  const voices = useRef<ReturnType<typeof pickVoices>>({ teacher: undefined, student: undefined });
  const generation = useRef(0);

  useEffect(() => {
    const synth = typeof window !== "undefined" ? window.speechSynthesis : undefined;
    if (!synth || typeof window.SpeechSynthesisUtterance === "undefined") {
      const none = setTimeout(() => setSupport("none"), 0);
      return () => clearTimeout(none);
    }
    const load = () => {
      const list = synth.getVoices();
      if (list.length) {
        voices.current = pickVoices(list);
        setSupport("ready");
        return true;
      }
      return false;
    };
    const first = setTimeout(load, 0);
    synth.addEventListener("voiceschanged", load);
    const timeout = setTimeout(() => {
      if (!load()) setSupport("none");
    }, VOICE_WAIT_MS);
    return () => {
      synth.removeEventListener("voiceschanged", load);
      clearTimeout(first);
      clearTimeout(timeout);
    };
  }, []);

  useEffect(() => () => {
    generation.current += 1;
    window.speechSynthesis?.cancel();
  }, []);

  const setRate = useCallback((value: number) => {
    try {
      localStorage.setItem(RATE_KEY, String(value));
    } catch {
      // Storage disabled: the speed still applies to this page.
      sessionRate = value;
    }
    window.dispatchEvent(new Event(RATE_EVENT));
  }, []);

  const stop = useCallback(() => {
    generation.current += 1;
    window.speechSynthesis?.cancel();
  }, []);

  const speak = useCallback(
    (text: string, speaker: Speaker, onEnd: () => void) => {
      const synth = window.speechSynthesis;
      stop();
      const mine = generation.current;
      const utterance = new SpeechSynthesisUtterance(text);
      const { teacher, student } = voices.current;
      const voice = speaker === "student" ? (student ?? teacher) : teacher;
      if (voice) utterance.voice = voice;
      // Same voice for both speakers: tell them apart by pitch.
      utterance.pitch = speaker === "student" && !student ? 1.3 : speaker === "narrator" ? 1 : 0.95;
      utterance.rate = rate;
      utterance.onend = () => {
        if (generation.current === mine) onEnd();
      };
      utterance.onerror = () => {
        if (generation.current === mine) onEnd();
      };
      synth.speak(utterance);
    },
    [rate, stop],
  );

  return { support, rate, setRate, speak, stop };
}
