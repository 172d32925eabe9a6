/** Cards due on each of the next 30 days as a bar chart, with the same numbers as a table for screen readers and for anyone who prefers one. */
export function ForecastChart({ days }: { days: { day: string; cards: number }[] }) {
  const max = Math.max(1, ...days.map((day) => day.cards));
  const total = days.reduce((sum, day) => sum + day.cards, 0);
  const busiest = days.reduce((best, day) => (day.cards > best.cards ? day : best), days[0]!);
  const width = 600;
  const height = 160;
  const bar = width / days.length;
  return (
    <figure className="space-y-2">
      <svg viewBox={`0 0 ${width} ${height + 20}`} className="w-full max-w-3xl" role="img" aria-labelledby="forecast-title forecast-desc">
        <title id="forecast-title">Due cards, next 30 days</title>
        <desc id="forecast-desc">
          {total === 0 ? "No card is due in the next 30 days." : `${total} cards due in the next 30 days; ${days[0]!.cards} today; the busiest day is ${busiest.day} with ${busiest.cards}.`}
        </desc>
        <line x1={0} x2={width} y1={height} y2={height} className="stroke-slate-400" strokeWidth={1} />
        {days.map((day, index) => {
          const barHeight = (day.cards / max) * (height - 10);
          return (
            <rect key={day.day} x={index * bar + 2} y={height - barHeight} width={bar - 4} height={barHeight} className="fill-brand-600 dark:fill-brand-100">
              <title>{`${day.day}: ${day.cards} due`}</title>
            </rect>
          );
        })}
        <text x={0} y={height + 16} className="fill-slate-700 text-[11px] dark:fill-slate-300">Today</text>
        <text x={width} y={height + 16} textAnchor="end" className="fill-slate-700 text-[11px] dark:fill-slate-300">+29 days</text>
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
