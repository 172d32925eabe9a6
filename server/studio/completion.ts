import "server-only";
import { classCompletion } from "../progress/service";

export type CourseCompletion = {
  /** Always true now that lesson progress is recorded; kept so the class view can tell the two apart. */
  tracked: boolean;
  /** Percent (0–100) of the course's lessons each learner has completed, by user id. */
  byLearner: Map<string, number>;
  /** Percent (0–100) of the learners who have completed each lesson, by lesson id. */
  byLesson: Map<string, number>;
};

/** How far a course's learners are, from their section progress (a lesson is done when all its sections are). */
export async function courseCompletion(options: { courseId: string; lessonIds: string[]; learnerIds: string[] }): Promise<CourseCompletion> {
  const completion = await classCompletion(options);
  return { tracked: true, ...completion };
}
