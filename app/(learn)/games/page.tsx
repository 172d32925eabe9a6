import type { Metadata } from "next";
import Link from "next/link";
import { GAME_IDS, GAMES } from "@/lib/games/catalog";
import { requireViewer } from "@/app/_auth/access";
import { PageHeader } from "@/app/_components/page-header";

export const metadata: Metadata = { title: "Games" };

const SKILL_LABELS = { memory: "Memory", math: "Math fluency", typing: "Typing", english: "English" } as const;

export default async function GamesPage() {
  await requireViewer("/games");
  return (
    <div>
      <PageHeader title="Games">Memory, math fluency, typing speed and English skills, for every age, each with an untimed mode. Scores are computed on the server; every finished game earns XP, up to a daily limit per game.</PageHeader>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {GAME_IDS.map((id) => {
          const game = GAMES[id];
          return (
            <li key={id} className="flex flex-col rounded-lg border border-slate-200 p-5 dark:border-slate-700">
              <p className="text-sm font-medium text-brand-700 dark:text-brand-100">{SKILL_LABELS[game.skill]}</p>
              <h2 className="mt-1 text-xl font-semibold">
                <Link href={`/games/${id}`} className="hover:underline">
                  {game.title}
                </Link>
              </h2>
              <p className="mt-2 flex-1 text-slate-700 dark:text-slate-300">{game.summary}</p>
              <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">
                {Object.keys(game.modes).length} {Object.keys(game.modes).length === 1 ? "mode" : "modes"} · {Object.keys(game.levels).length} levels
              </p>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
