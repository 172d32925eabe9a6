import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as serveRecording } from "./[file]/route";
import { db } from "@/server/db";
import { importContent } from "@/server/content/importer";
import { createCaller } from "@/server/router";
import { codeOf } from "@/server/test/error-code";
import { createTestUser } from "@/server/test/factories";
import { createContextFor } from "@/server/trpc";
import { MP3_DELAY_SAMPLES, MP3_KBPS } from "@/server/narration/flite";
import { medianPitch } from "@/server/narration/pitch";
import { renderScript } from "@/server/narration/store";
import { decodeWav } from "@/server/narration/wav";

const fixture = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "lib", "content", "fixtures", "valid");
const storageDir = await fs.mkdtemp(path.join(os.tmpdir(), "learnloop-narration-"));
// Read once, on first use, by the narration settings.
process.env.STORAGE_DIR = storageDir;

let slug = "";
let root = "";

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "learnloop-narration-content-"));
  slug = `narration-${randomUUID().slice(0, 8)}`;
  await fs.cp(fixture, root, { recursive: true });
  await fs.rename(path.join(root, "courses", "fixture-course"), path.join(root, "courses", slug));
  const courseFile = path.join(root, "courses", slug, "course.yaml");
  await fs.writeFile(courseFile, (await fs.readFile(courseFile, "utf8")).replace("slug: fixture-course", `slug: ${slug}`));
  await importContent({ root }, db);
});

afterAll(async () => {
  await fs.rm(storageDir, { recursive: true, force: true });
  await fs.rm(root, { recursive: true, force: true });
});

async function sectionOf(type: string) {
  return db.lessonSection.findFirstOrThrow({ where: { type, lesson: { slug: "basics", course: { slug } } }, select: { id: true } });
}

const narration = (viewer: Awaited<ReturnType<typeof createTestUser>> | null) => createCaller(createContextFor(viewer)).narration;

describe("server-rendered lesson audio", () => {
  it("renders a dialogue scene in two different voices, with a cue per line, and serves it with byte ranges", async () => {
    const learner = await createTestUser();
    const section = await sectionOf("audio-lesson");
    // The second scene: the student asks, the teacher answers.
    const recording = await narration(learner).recording({ courseSlug: slug, lessonSlug: "basics", sectionId: section.id, part: 1 });
    expect(recording.url).toMatch(/^\/api\/narration\/[0-9a-f]{32}\.mp3$/);
    expect(recording.duration).toBeGreaterThan(1);
    expect(recording.cues).toHaveLength(2);
    const [student, teacher] = recording.cues as [{ start: number; end: number }, { start: number; end: number }];
    // The MP3 encoder's delay comes first (cues are shifted by it), then the student, a pause, the teacher.
    expect(student.start).toBeCloseTo(MP3_DELAY_SAMPLES / 16000, 5);
    expect(student.end - student.start).toBeGreaterThan(0.3);
    expect(teacher.start).toBeGreaterThan(student.end);
    expect(teacher.end).toBeCloseTo(recording.duration, 5);

    // The file is MP3 (frame sync on its first bytes) of about the length the cues say.
    const file = path.join(storageDir, "narration", path.basename(recording.url));
    const mp3 = await fs.readFile(file);
    expect(mp3[0]).toBe(0xff);
    expect(mp3[1]! & 0xe0).toBe(0xe0);
    const bytesPerSecond = (MP3_KBPS * 1000) / 8;
    expect(mp3.byteLength / bytesPerSecond).toBeGreaterThan(recording.duration * 0.95);
    expect(mp3.byteLength / bytesPerSecond).toBeLessThan(recording.duration * 1.1);

    // The voices: the same script rendered to PCM, measured line by line.
    const lines = [
      { speaker: "student" as const, text: "What comes next?" },
      { speaker: "teacher" as const, text: "The summaries." },
    ];
    const scratch = await fs.mkdtemp(path.join(os.tmpdir(), "learnloop-narration-pcm-"));
    const { cues } = await renderScript(lines, { mp3Path: path.join(scratch, "lines.mp3"), wavPath: path.join(scratch, "lines.wav") });
    const pcm = decodeWav(new Uint8Array(await fs.readFile(path.join(scratch, "lines.wav"))));
    await fs.rm(scratch, { recursive: true, force: true });
    expect(cues.map((cue) => +(cue.end - cue.start).toFixed(3))).toEqual(recording.cues.map((cue) => +(cue.end - cue.start).toFixed(3)));
    const at = (seconds: number) => Math.round(seconds * pcm.sampleRate);
    const studentPitch = medianPitch(pcm, at(cues[0]!.start), at(cues[0]!.end));
    const teacherPitch = medianPitch(pcm, at(cues[1]!.start), at(cues[1]!.end));
    // Two people: the student's voice sits well above the teacher's.
    expect(studentPitch).not.toBeNull();
    expect(teacherPitch).not.toBeNull();
    expect(studentPitch! / teacherPitch!).toBeGreaterThan(1.3);

    // Asked again, it is the same file, not a new render.
    const { mtimeMs } = await fs.stat(file);
    const again = await narration(learner).recording({ courseSlug: slug, lessonSlug: "basics", sectionId: section.id, part: 1 });
    expect(again).toEqual(recording);
    expect((await fs.stat(file)).mtimeMs).toBe(mtimeMs);

    // Seeking asks for a byte range and gets exactly those bytes.
    const name = path.basename(recording.url);
    const params = { params: Promise.resolve({ file: name }) };
    const whole = await serveRecording(new Request(`http://localhost${recording.url}`), params);
    expect(whole.status).toBe(200);
    expect(whole.headers.get("content-type")).toBe("audio/mpeg");
    expect(whole.headers.get("accept-ranges")).toBe("bytes");
    expect(whole.headers.get("cache-control")).toContain("immutable");
    const size = (await fs.stat(file)).size;
    expect(Number(whole.headers.get("content-length"))).toBe(size);
    await whole.arrayBuffer();
    const part = await serveRecording(new Request(`http://localhost${recording.url}`, { headers: { range: "bytes=100-199" } }), params);
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 100-199/${size}`);
    expect(Buffer.from(await part.arrayBuffer())).toEqual((await fs.readFile(file)).subarray(100, 200));
    const past = await serveRecording(new Request(`http://localhost${recording.url}`, { headers: { range: `bytes=${size}-` } }), params);
    expect(past.status).toBe(416);
    const unknown = await serveRecording(new Request("http://localhost/api/narration/x.mp3"), { params: Promise.resolve({ file: "../../etc/passwd" }) });
    expect(unknown.status).toBe(404);
  });

  it("narrates an audiobook chapter passage by passage in the narrator's voice", async () => {
    const learner = await createTestUser();
    const section = await sectionOf("audiobook");
    const chapter = await db.contentItem.findFirstOrThrow({ where: { sectionId: section.id, kind: "chapter" }, orderBy: { position: "asc" }, select: { data: true } });
    const points = (chapter.data as { points: string[] }).points;
    const recording = await narration(learner).recording({ courseSlug: slug, lessonSlug: "basics", sectionId: section.id, part: 0 });
    // Title, each point, the explanation, the analogy.
    expect(recording.cues).toHaveLength(points.length + 3);
    for (let index = 1; index < recording.cues.length; index += 1) expect(recording.cues[index]!.start).toBeGreaterThan(recording.cues[index - 1]!.end);
  });

  it("renders nothing for a stranger, a draft course or a part that does not exist", async () => {
    const learner = await createTestUser();
    const section = await sectionOf("audio-lesson");
    const input = { courseSlug: slug, lessonSlug: "basics", sectionId: section.id, part: 0 };
    expect(await codeOf(narration(null).recording(input))).toBe("UNAUTHORIZED");
    expect(await codeOf(narration(learner).recording({ ...input, part: 7 }))).toBe("NOT_FOUND");
    expect(await codeOf(narration(learner).recording({ ...input, sectionId: "not-a-section" }))).toBe("NOT_FOUND");
    const summaries = await sectionOf("summaries");
    expect(await codeOf(narration(learner).recording({ ...input, sectionId: summaries.id }))).toBe("NOT_FOUND");
    await db.course.update({ where: { slug }, data: { status: "DRAFT" } });
    try {
      expect(await codeOf(narration(learner).recording(input))).toBe("NOT_FOUND");
    } finally {
      await db.course.update({ where: { slug }, data: { status: "PUBLISHED" } });
    }
  });
});
