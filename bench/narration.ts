// `npm run bench -- narration`: server-rendered lesson audio. Renders every dialogue scene of one
// shipped lesson (render and MP3 encoding) into a throwaway storage folder (cold), asks for them again (cached), and watches
// the event loop meanwhile: rendering runs in a child process, so the loop should stay free.
// Writes bench/results/narration.md. BENCH_NARRATION_LESSON picks the lesson file.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { fliteVersion, MP3_KBPS } from "../server/narration/flite";
import { ensureRecording, type ScriptLine } from "../server/narration/store";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const lessonFile = process.env.BENCH_NARRATION_LESSON ?? "content/courses/transfer-learning/lessons/what-is-transfer-learning.yaml";
type LessonFile = { sections: { type: string; scenes?: { turns: ScriptLine[] }[] }[] };
const lesson = parse(readFileSync(path.join(root, lessonFile), "utf8")) as LessonFile;
const scenes = lesson.sections.find((section) => section.type === "audio-lesson")?.scenes ?? [];
if (scenes.length === 0) throw new Error(`${lessonFile} has no audio-lesson section.`);

const storageDir = mkdtempSync(path.join(os.tmpdir(), "learnloop-bench-narration-"));
try {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const coldStarted = performance.now();
  let audioSeconds = 0;
  let lineCount = 0;
  let bytes = 0;
  for (const scene of scenes) {
    const recording = await ensureRecording({ storageDir, lines: scene.turns });
    audioSeconds += recording.duration;
    lineCount += recording.cues.length;
  }
  const coldSeconds = (performance.now() - coldStarted) / 1000;
  delay.disable();
  for (const file of readdirSync(path.join(storageDir, "narration"))) {
    if (file.endsWith(".mp3")) bytes += statSync(path.join(storageDir, "narration", file)).size;
  }
  const repeats = 200;
  const warmStarted = performance.now();
  for (let index = 0; index < repeats; index += 1) await ensureRecording({ storageDir, lines: scenes[index % scenes.length]!.turns });
  const warmMs = (performance.now() - warmStarted) / repeats;

  const lines = [
    `Learnloop narration benchmark — ${new Date().toISOString()} — ${os.cpus().length} cores (load average ${os.loadavg()[0]!.toFixed(1)} at the end), ${fliteVersion()}`,
    "",
    `${lessonFile}: ${scenes.length} scenes, ${lineCount} lines, ${audioSeconds.toFixed(1)} s of audio, ${(bytes / 1024 / 1024).toFixed(1)} MiB of MP3 (${MP3_KBPS} kbit/s mono; the same as 16-bit PCM would be ${((audioSeconds * 32000) / 1024 / 1024).toFixed(1)} MiB).`,
    "",
    "| measure | value |",
    "|---|---:|",
    `| cold render of all scenes | ${coldSeconds.toFixed(2)} s |`,
    `| audio rendered per second of wall time (real-time factor) | ${(audioSeconds / coldSeconds).toFixed(1)}× |`,
    `| event-loop delay while rendering, p99 / max | ${(delay.percentile(99) / 1e6).toFixed(1)} ms / ${(delay.max / 1e6).toFixed(1)} ms |`,
    `| cached lookup (hash + read the cue file), mean of ${repeats} | ${warmMs.toFixed(2)} ms |`,
    `| ratio cold scene / cached scene | ${((coldSeconds * 1000) / scenes.length / warmMs).toFixed(0)}× |`,
  ];
  const report = lines.join("\n");
  console.log(`\n${report}`);
  mkdirSync(path.join(root, "bench", "results"), { recursive: true });
  writeFileSync(path.join(root, "bench", "results", "narration.md"), `${report}\n`);
} finally {
  rmSync(storageDir, { recursive: true, force: true });
}
