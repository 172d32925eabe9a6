import Link from "next/link";
import { getViewer } from "@/server/auth/viewer";

const formats = [
  { title: "Audio lessons", text: "A student and a teacher talk the topic through, read aloud in two voices with a live transcript." },
  { title: "Audiobook chapters", text: "Narrated explanations, each with an analogy that makes the idea stick." },
  { title: "Summaries at three depths", text: "Basic, medium or detailed: take the version that fits the time you have." },
  { title: "Flashcards that space themselves", text: "FSRS schedules every card for the day you are about to forget it." },
  { title: "Quizzes and challenges", text: "Server-graded quizzes, timed challenges, challenge a friend, and live rooms for classes." },
  { title: "Games and an ML lab", text: "Memory, math, typing and English games for all ages, and TensorFlow.js experiments you run yourself." },
];

export default async function LandingPage() {
  const viewer = await getViewer();
  return (
    <div className="space-y-16">
      <section className="space-y-6 py-8 text-center sm:py-16">
        <h1 className="text-4xl font-extrabold tracking-tight sm:text-5xl">Learn business, technology and design your way</h1>
        <p className="mx-auto max-w-2xl text-lg text-slate-700 dark:text-slate-300">
          Learnloop is an open-source learning platform you can host yourself. Every topic comes in many formats, your progress is
          saved as you go, and XP, streaks and badges keep you coming back.
        </p>
        <div className="flex flex-wrap justify-center gap-3">
          {viewer ? (
            <Link href="/dashboard" className="rounded-md bg-brand-600 px-5 py-3 font-semibold text-white hover:bg-brand-700">
              Go to your dashboard
            </Link>
          ) : (
            <>
              <Link href="/sign-up" className="rounded-md bg-brand-600 px-5 py-3 font-semibold text-white hover:bg-brand-700">
                Start learning free
              </Link>
              <Link href="/courses" className="rounded-md border border-slate-300 px-5 py-3 font-semibold hover:bg-slate-50 dark:border-slate-600 dark:hover:bg-slate-900">
                Browse courses
              </Link>
            </>
          )}
        </div>
      </section>
      <section aria-labelledby="formats-heading" className="space-y-6">
        <h2 id="formats-heading" className="text-2xl font-bold">
          One topic, many ways in
        </h2>
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {formats.map((format) => (
            <li key={format.title} className="rounded-lg border border-slate-200 p-5 dark:border-slate-800">
              <h3 className="font-semibold">{format.title}</h3>
              <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">{format.text}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
