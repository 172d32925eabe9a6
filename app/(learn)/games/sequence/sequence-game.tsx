"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { SEQUENCE_LEVELS } from "@/lib/games/catalog";
import { type Press, SEQUENCE_MAX, SEQUENCE_PAUSE_MS, SEQUENCE_TILE_NAMES } from "@/lib/games/memory";
import { clockNow, msSince } from "../_components/clock";
import { GameShell, type StartedSession } from "../_components/game-shell";

export function SequenceGame() {
  return (
    <GameShell
      game="sequence"
      play={(session, end) => <SequenceBoard session={session} onEnd={(presses) => end({ game: "sequence", presses })} />}
      stats={(result) => [
        { label: "Longest sequence", value: String(result.stats.longest), testId: "result-longest" },
        { label: "Seconds", value: String(result.stats.seconds) },
      ]}
    />
  );
}

const TILE_STYLES = [
  "bg-red-200 text-red-950",
  "bg-blue-200 text-blue-950",
  "bg-green-200 text-green-950",
  "bg-yellow-200 text-yellow-950",
  "bg-purple-200 text-purple-950",
  "bg-orange-200 text-orange-950",
  "bg-pink-200 text-pink-950",
  "bg-teal-200 text-teal-950",
  "bg-amber-300 text-amber-950",
];

function SequenceBoard({ session, onEnd }: { session: StartedSession; onEnd: (presses: Press[]) => void }) {
  const sequence = useMemo(() => (session.content.game === "sequence" ? session.content.sequence : []), [session.content]);
  const level = SEQUENCE_LEVELS[session.level as keyof typeof SEQUENCE_LEVELS] ?? SEQUENCE_LEVELS["4-tiles"];
  const [round, setRound] = useState(1);
  const [position, setPosition] = useState(0);
  const [lit, setLit] = useState<number | null>(null);
  const [playing, setPlaying] = useState(true);
  const [locked, setLocked] = useState(false);
  const [announcement, setAnnouncement] = useState("Round 1. Watch.");
  const presses = useRef<Press[]>([]);
  const startedAt = useRef<number | null>(null);
  const ended = useRef(false);
  const firstTile = useRef<HTMLButtonElement>(null);

  // Playback of round r: a pause, then one tile per step; each tile is named for screen readers.
  const play = useCallback(
    (r: number) => {
      const timers: ReturnType<typeof setTimeout>[] = [];
      const shown: string[] = [];
      for (let i = 0; i < r; i++) {
        timers.push(
          setTimeout(() => {
            setLit(sequence[i]!);
            shown.push(SEQUENCE_TILE_NAMES[sequence[i]!]!);
            setAnnouncement(`Round ${r}. Watch: ${shown.join(", ")}`);
          }, SEQUENCE_PAUSE_MS + i * level.stepMs),
        );
        timers.push(setTimeout(() => setLit(null), SEQUENCE_PAUSE_MS + i * level.stepMs + level.stepMs * 0.7));
      }
      timers.push(
        setTimeout(() => {
          setPlaying(false);
          setAnnouncement(`Your turn: repeat ${r === 1 ? "1 tile" : `${r} tiles`}. Sequence: ${shown.join(", ")}`);
          firstTile.current?.focus();
        }, SEQUENCE_PAUSE_MS + r * level.stepMs),
      );
      return () => timers.forEach(clearTimeout);
    },
    [sequence, level.stepMs],
  );

  useEffect(() => {
    startedAt.current = clockNow();
  }, []);
  useEffect(() => play(round), [round, play]);

  function press(tile: number) {
    if (playing || locked || ended.current) return;
    const t = msSince(startedAt.current);
    presses.current = [...presses.current, { t, tile }];
    setLocked(true);
    setTimeout(() => setLocked(false), 130);
    if (tile !== sequence[position]) {
      ended.current = true;
      setAnnouncement(`That was ${SEQUENCE_TILE_NAMES[tile]}; the tile was ${SEQUENCE_TILE_NAMES[sequence[position]!]}. Game over.`);
      onEnd(presses.current);
      return;
    }
    if (position + 1 === round) {
      if (round === SEQUENCE_MAX) {
        ended.current = true;
        onEnd(presses.current);
        return;
      }
      setPosition(0);
      setPlaying(true);
      setAnnouncement(`Round ${round + 1}. Watch.`);
      setRound(round + 1);
    } else setPosition(position + 1);
  }

  return (
    <div className="space-y-4">
      <div className="flex gap-6 text-lg" aria-hidden="true">
        <span>Round {round}</span>
        <span>{playing ? "Watch…" : `Your turn: ${position} of ${round}`}</span>
      </div>
      <div className={`grid gap-3 ${level.tiles === 4 ? "grid-cols-2" : "grid-cols-3"} max-w-md`} role="group" aria-label="Tiles">
        {Array.from({ length: level.tiles }, (_, tile) => (
          <button
            key={tile}
            ref={tile === 0 ? firstTile : undefined}
            type="button"
            aria-disabled={playing || locked || undefined}
            onClick={() => press(tile)}
            className={`h-24 rounded-lg border-4 text-lg font-semibold capitalize transition ${TILE_STYLES[tile]} ${lit === tile ? "scale-105 border-slate-900 ring-4 ring-slate-900 dark:border-white dark:ring-white" : "border-transparent"}`}
            data-lit={lit === tile || undefined}
          >
            {SEQUENCE_TILE_NAMES[tile]}
          </button>
        ))}
      </div>
      <p role="status" aria-live="polite" className="sr-only" data-testid="sequence-status">
        {announcement}
      </p>
    </div>
  );
}
