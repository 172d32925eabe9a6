"use client";

// The live room's sounds, synthesised in the browser with the Web Audio API: nothing to download,
// no licence to track. A soft four-note lobby loop, a tick per second in the last five seconds of a
// question, and a chime when the results show. Browsers start audio only after a click, so the
// context is created on the host's first action.

let context: AudioContext | null = null;

function audio(): AudioContext | null {
  if (typeof window === "undefined" || !("AudioContext" in window)) return null;
  context ??= new AudioContext();
  if (context.state === "suspended") void context.resume();
  return context;
}

function tone(frequency: number, at: number, duration: number, volume = 0.08, type: OscillatorType = "sine") {
  const ctx = audio();
  if (!ctx) return;
  const start = ctx.currentTime + at;
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.type = type;
  osc.frequency.value = frequency;
  gain.gain.setValueAtTime(0, start);
  gain.gain.linearRampToValueAtTime(volume, start + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + duration);
  osc.connect(gain).connect(ctx.destination);
  osc.start(start);
  osc.stop(start + duration + 0.05);
}

/** Starts the lobby loop (C–E–G–E, two seconds a bar); returns the stop. */
export function playLobbyLoop(): () => void {
  const bar = () => [261.63, 329.63, 392, 329.63].forEach((f, i) => tone(f, i * 0.5, 0.45, 0.05, "triangle"));
  bar();
  const timer = setInterval(bar, 2_000);
  return () => clearInterval(timer);
}

export function playTick(last = false) {
  tone(last ? 880 : 660, 0, 0.12, 0.1, "square");
}

export function playChime() {
  [523.25, 659.25, 783.99].forEach((f, i) => tone(f, i * 0.12, 0.6, 0.08));
}

/** Makes sure the audio context exists; call from a click so the browser allows sound. */
export function unlockSound() {
  audio();
}
