// The render process: reads one job as JSON on stdin ({ lines: [{ voice, text }], pauseSeconds,
// kbps, mp3Path, wavPath? }), renders the lines one by one, joins them, writes the MP3 (and, when
// asked, the PCM as WAVE) and prints { sampleRate, samples, cues } on stdout. Started by
// renderRecording in flite.ts; run as `node --import tsx server/narration/render-process.ts`.
import { writeFileSync } from "node:fs";
import { encodeMp3Sync, renderLineSync } from "./engine";
import { encodeWav, joinLines } from "./wav";

type Job = { lines: { voice: string; text: string }[]; pauseSeconds: number; kbps: number; mp3Path: string; wavPath?: string };

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk: string) => (input += chunk));
process.stdin.on("end", () => {
  try {
    const job = JSON.parse(input) as Job;
    const { pcm, cues } = joinLines(
      job.lines.map((line) => renderLineSync(line.text, line.voice)),
      job.pauseSeconds,
    );
    writeFileSync(job.mp3Path, encodeMp3Sync(pcm, job.kbps));
    if (job.wavPath) writeFileSync(job.wavPath, encodeWav(pcm));
    process.stdout.write(JSON.stringify({ sampleRate: pcm.sampleRate, samples: pcm.samples.length, cues }));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
});
