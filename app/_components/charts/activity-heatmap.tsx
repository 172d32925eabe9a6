/**
 * A year of activity as a calendar heatmap (weeks as columns, Monday on top). Colour is never the
 * only carrier: every cell has a title, and the summary is in the accessible name.
 */
export function ActivityHeatmap({ data, goal, label }: { data: { day: string; xp: number }[]; goal: number; label: string }) {
  const cell = 12;
  const gap = 2;
  const first = data[0] ? new Date(`${data[0].day}T00:00:00Z`) : new Date();
  const offset = (first.getUTCDay() + 6) % 7;
  const weeks = Math.ceil((data.length + offset) / 7);
  const active = data.filter((d) => d.xp > 0).length;
  const met = data.filter((d) => d.xp >= goal).length;
  const best = data.reduce((top, d) => (d.xp > top.xp ? d : top), { day: "", xp: 0 });
  const shade = (xp: number) =>
    xp === 0 ? "fill-slate-200 dark:fill-slate-800" : xp < goal / 2 ? "fill-brand-100 dark:fill-brand-700" : xp < goal ? "fill-brand-500" : "fill-brand-700 dark:fill-brand-100";
  const summary = `${label}: active on ${active} of ${data.length} days, daily goal met on ${met}${best.xp ? `, best day ${best.day} with ${best.xp} XP` : ""}.`;
  return (
    <figure>
      <div className="relative overflow-x-auto" tabIndex={0} role="region" aria-label={`${label} (scrollable)`}>
        <svg width={weeks * (cell + gap)} height={7 * (cell + gap)} role="img" aria-label={summary}>
          {data.map((d, i) => {
            const index = i + offset;
            return (
              <rect key={d.day} x={Math.floor(index / 7) * (cell + gap)} y={(index % 7) * (cell + gap)} width={cell} height={cell} rx={2} className={shade(d.xp)}>
                <title>{`${d.day}: ${d.xp} XP`}</title>
              </rect>
            );
          })}
        </svg>
      </div>
      <figcaption className="mt-2 text-sm text-slate-600 dark:text-slate-400">{summary}</figcaption>
    </figure>
  );
}
