"use client";

import { useEffect, useRef, useState } from "react";
import { type Flip, MATCH_MIN_FLIP_MS } from "@/lib/games/memory";
import { clockNow, msSince } from "../_components/clock";
import { GameShell, type StartedSession } from "../_components/game-shell";

export function MatchGame() {
  return (
    <GameShell
      game="match"
      play={(session, end) => <MatchBoard session={session} onEnd={(flips) => end({ game: "match", flips })} />}
      stats={(result) => [
        { label: "Score", value: String(result.stats.score), testId: "result-score" },
        { label: "Moves", value: String(result.stats.moves) },
        { label: "Pairs", value: String(result.stats.pairs) },
        { label: "Seconds", value: String(result.stats.seconds) },
      ]}
    />
  );
}

function MatchBoard({ session, onEnd }: { session: StartedSession; onEnd: (flips: Flip[]) => void }) {
  const content = session.content.game === "match" ? session.content : null;
  const deck = content?.deck ?? [];
  const labels = content?.labels ?? {};
  const timed = session.mode === "timed";
  const [flips, setFlips] = useState<Flip[]>([]);
  const [open, setOpen] = useState<number[]>([]);
  const [matched, setMatched] = useState<Set<number>>(new Set());
  const [announcement, setAnnouncement] = useState("");
  const [locked, setLocked] = useState(false);
  const [elapsed, setElapsed] = useState(0);
  const startedAt = useRef<number | null>(null);
  const ended = useRef(false);
  const pairs = deck.length / 2;
  const spoken = (face: string) => labels[face] ?? face;

  useEffect(() => {
    startedAt.current = clockNow();
  }, []);
  useEffect(() => {
    if (!timed) return;
    const timer = setInterval(() => setElapsed(msSince(startedAt.current)), 500);
    return () => clearInterval(timer);
  }, [timed]);

  function flip(card: number) {
    if (locked || ended.current || matched.has(deck[card]!.pair) || open.includes(card)) return;
    const t = msSince(startedAt.current);
    const nextFlips = [...flips, { t, card }];
    setFlips(nextFlips);
    // A third card closes a missed pair; a pair stays up once matched.
    const stillOpen = open.length === 2 ? [] : open;
    const nowOpen = [...stillOpen, card];
    setOpen(nowOpen);
    setLocked(true);
    setTimeout(() => setLocked(false), MATCH_MIN_FLIP_MS + 30);
    if (nowOpen.length === 2) {
      const [a, b] = nowOpen as [number, number];
      if (deck[a]!.pair === deck[b]!.pair) {
        const next = new Set(matched).add(deck[a]!.pair);
        setMatched(next);
        setOpen([]);
        setAnnouncement(`${spoken(deck[b]!.face)}: a match! ${next.size} of ${pairs} pairs found.`);
        if (next.size === pairs) {
          ended.current = true;
          onEnd(nextFlips);
        }
      } else {
        setAnnouncement(`${spoken(deck[b]!.face)}: no match.`);
      }
    } else {
      setAnnouncement(spoken(deck[card]!.face));
    }
  }

  const moves = Math.floor(flips.length / 2);
  const columns = deck.length > 16 ? "grid-cols-4 sm:grid-cols-6" : "grid-cols-3 sm:grid-cols-4";
  return (
    <div className="space-y-4">
      <div className="flex gap-6 text-lg" aria-hidden="true">
        <span>{moves} moves</span>
        <span>
          {matched.size} of {pairs} pairs
        </span>
        {timed ? <span>{Math.floor(elapsed / 1000)} s</span> : null}
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-300">Turn two cards at a time with Tab and Enter (or a click). Matching cards stay up.</p>
      <ul className={`grid gap-3 ${columns}`} aria-label="Cards">
        {deck.map((card, index) => {
          const isMatched = matched.has(card.pair);
          const faceUp = isMatched || open.includes(index);
          const label = `Card ${index + 1}: ${faceUp ? spoken(card.face) : "face down"}${isMatched ? ", matched" : ""}`;
          return (
            <li key={index}>
              <button
                type="button"
                aria-label={label}
                aria-disabled={locked || isMatched || undefined}
                data-face={faceUp ? card.face : undefined}
                data-testid="match-card"
                onClick={() => flip(index)}
                className={`flex min-h-24 w-full items-center justify-center rounded-lg border-2 p-2 text-center text-sm ${
                  isMatched ? "border-green-600 bg-green-50 dark:bg-green-950" : faceUp ? "border-brand-600 bg-white dark:bg-slate-900" : "border-slate-300 bg-slate-100 dark:border-slate-600 dark:bg-slate-800"
                }`}
              >
                <span aria-hidden="true" className={card.face.length <= 2 ? "text-4xl" : ""}>
                  {faceUp ? card.face : "?"}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      <p role="status" aria-live="polite" className="min-h-6" data-testid="match-status">
        {announcement}
      </p>
    </div>
  );
}
