import "server-only";
import type { AuthUser } from "../auth/service";
import { getLesson } from "../catalog/service";
import { DomainError } from "../errors";
import { chapterSegments } from "@/lib/narration/speech-text";
import { getNarrationEnv } from "./env";
import { ensureRecording, type ScriptLine } from "./store";

/** What a part of a section says, line by line: a dialogue scene's turns, or an audiobook chapter's passages. */
function scriptOf(section: Awaited<ReturnType<typeof getLesson>>["lesson"]["sections"][number], part: number): ScriptLine[] | null {
  if (section.type === "audio-lesson") {
    const scene = section.scenes[part];
    return scene ? scene.turns.map((turn) => ({ speaker: turn.speaker, text: turn.text })) : null;
  }
  if (section.type === "audiobook") {
    const chapter = section.chapters[part];
    return chapter ? chapterSegments(chapter).map((text) => ({ speaker: "narrator", text })) : null;
  }
  return null;
}

/**
 * The server's recording of one scene of a dialogue or one audiobook chapter, rendered on first
 * request and cached. The viewer must be able to see the lesson (drafts only in the studio preview).
 */
export async function getRecording(options: { courseSlug: string; lessonSlug: string; sectionId: string; part: number; viewer: AuthUser | null }) {
  const env = getNarrationEnv();
  if (env.LESSON_AUDIO === "off") throw new DomainError("NOT_FOUND", "This server does not render lesson audio.");
  const { lesson } = await getLesson({ courseSlug: options.courseSlug, lessonSlug: options.lessonSlug, viewer: options.viewer });
  const section = lesson.sections.find((entry) => entry.id === options.sectionId);
  const lines = section ? scriptOf(section, options.part) : null;
  if (!lines) throw new DomainError("NOT_FOUND", "That part of the lesson has no audio.");
  const recording = await ensureRecording({ storageDir: env.storageDir, lines });
  return { url: `/api/narration/${recording.key}.mp3`, duration: recording.duration, cues: recording.cues };
}
