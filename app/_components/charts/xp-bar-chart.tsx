/** XP per day as bars (server-rendered SVG), with the same numbers in a table for screen readers. */
export function XpBarChart({ data, goal, title }: { data: { day: string; xp: number }[]; goal: number; title: string }) {
  const width = 600;
  const height = 160;
  const max = Math.max(goal, ...data.map((d) => d.xp), 1);
  const barWidth = width / data.length;
  const goalY = height - (goal / max) * height;
  const total = data.reduce((sum, d) => sum + d.xp, 0);
  const daysMet = data.filter((d) => d.xp >= goal).length;
  return (
    <figure className="space-y-2">
      <svg viewBox={`0 0 ${width} ${height + 20}`} className="h-auto w-full" role="img" aria-label={`${title}: ${total} XP over ${data.length} days, goal met on ${daysMet} of them.`}>
        {data.map((d, i) => {
          const h = (d.xp / max) * height;
          return (
            <rect key={d.day} x={i * barWidth + 1} y={height - h} width={Math.max(1, barWidth - 2)} height={h} rx={2} className={d.xp >= goal ? "fill-brand-600" : "fill-slate-400 dark:fill-slate-500"}>
              <title>{`${d.day}: ${d.xp} XP`}</title>
            </rect>
          );
        })}
        <line x1={0} x2={width} y1={goalY} y2={goalY} strokeDasharray="4 4" className="stroke-amber-600" strokeWidth={1.5} />
        <text x={width - 4} y={Math.max(12, goalY - 4)} textAnchor="end" className="fill-amber-700 text-[11px] dark:fill-amber-400">
          goal {goal} XP
        </text>
        <text x={0} y={height + 16} className="fill-slate-600 text-[11px] dark:fill-slate-400">
          {data[0]?.day}
        </text>
        <text x={width} y={height + 16} textAnchor="end" className="fill-slate-600 text-[11px] dark:fill-slate-400">
          {data.at(-1)?.day}
        </text>
      </svg>
      <figcaption className="sr-only">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">XP</th>
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.day}>
                <td>{d.day}</td>
                <td>{d.xp}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </figcaption>
    </figure>
  );
}
