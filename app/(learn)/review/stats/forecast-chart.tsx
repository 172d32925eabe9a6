/** Cards due on each of the next 30 days as a bar chart, with the same numbers as a table for screen readers and for anyone who prefers one. */
export function ForecastChart({ days }: { days: { day: string; cards: number }[] }) {
  const max = Math.max(1, ...days.map((day) => day.cards));
  const total = days.reduce((sum, day) => sum + day.cards, 0);
  const busiest = days.reduce((best, day) => (day.cards > best.cards ? day : best), days[0]!);
  // Plot area inside margins for the axes: cards (y) on the left, days (x) below.
  const left = 44;
  const plotWidth = 556;
  const height = 160;
  const bar = plotWidth / days.length;
  const ticks = niceTicks(max);
  const top = ticks[ticks.length - 1]!;
  const y = (cards: number) => height - (cards / top) * (height - 10);
  const axisText = "fill-slate-700 text-[11px] dark:fill-slate-300";
  return (
    <figure className="space-y-2">
      <svg viewBox={`0 0 ${left + plotWidth} ${height + 40}`} className="w-full max-w-3xl" role="img" aria-labelledby="forecast-title forecast-desc">
        <title id="forecast-title">Due cards, next 30 days</title>
        <desc id="forecast-desc">
          {total === 0 ? "No card is due in the next 30 days." : `${total} cards due in the next 30 days; ${days[0]!.cards} today; the busiest day is ${busiest.day} with ${busiest.cards}.`}
        </desc>
        <text x={10} y={height / 2} transform={`rotate(-90 10 ${height / 2})`} textAnchor="middle" className={axisText} data-testid="forecast-y-label">
          Cards due
        </text>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={left} x2={left + plotWidth} y1={y(tick)} y2={y(tick)} className="stroke-slate-200 dark:stroke-slate-800" strokeWidth={1} />
            <text x={left - 6} y={y(tick) + 4} textAnchor="end" className={axisText}>
              {tick}
            </text>
          </g>
        ))}
        <line x1={left} x2={left} y1={10} y2={height} className="stroke-slate-400" strokeWidth={1} />
        <line x1={left} x2={left + plotWidth} y1={height} y2={height} className="stroke-slate-400" strokeWidth={1} />
        {days.map((day, index) => {
          const barHeight = height - y(day.cards);
          return (
            <rect key={day.day} x={left + index * bar + 2} y={height - barHeight} width={bar - 4} height={barHeight} className="fill-brand-600 dark:fill-brand-100">
              <title>{`${day.day}: ${day.cards} due`}</title>
            </rect>
          );
        })}
        {[0, 7, 14, 21, days.length - 1].filter((index) => index < days.length).map((index) => (
          <text key={index} x={left + index * bar + bar / 2} y={height + 14} textAnchor="middle" className={axisText}>
            {index === 0 ? "Today" : shortDay(days[index]!.day)}
          </text>
        ))}
        <text x={left + plotWidth / 2} y={height + 34} textAnchor="middle" className={axisText} data-testid="forecast-x-label">
          Day (in your time zone)
        </text>
      </svg>
      <details className="text-sm">
        <summary className="cursor-pointer">Show the forecast as a table</summary>
        <table className="mt-2 text-left">
          <caption className="sr-only">Cards due per day, next 30 days</caption>
          <thead><tr><th scope="col" className="pr-6">Day</th><th scope="col">Due</th></tr></thead>
          <tbody>
            {days.map((day) => (
              <tr key={day.day}><th scope="row" className="pr-6 font-normal">{day.day}</th><td>{day.cards}</td></tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** 0 and two or three round steps up to at least `max` (1, 2, 5 × 10ⁿ), for the y axis. */
export function niceTicks(max: number): number[] {
  const raw = Math.max(1, max) / 3;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= raw)!;
  const ticks = [0];
  while (ticks[ticks.length - 1]! < max) ticks.push(ticks[ticks.length - 1]! + step);
  return ticks;
}

/** "2026-12-09" → "Dec 9" (the calendar date as written, whatever the viewer's zone). */
function shortDay(day: string): string {
  return new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" }).format(new Date(`${day}T12:00:00Z`));
}
