/** A quiz's score: points earned of points possible, as a whole percent, and whether it passes. */
export function quizScore(options: { earned: number; possible: number; passPercent: number }) {
  const percent = options.possible > 0 ? Math.floor((options.earned / options.possible) * 100 + 1e-9) : 0;
  return { earned: Math.round(options.earned * 100) / 100, possible: options.possible, percent, passed: percent >= options.passPercent };
}
