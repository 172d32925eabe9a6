type Row = { rank: number; name: string; score: number; isYou?: boolean };

export function Scoreboard({ rows, caption }: { rows: Row[]; caption: string }) {
  return (
    <table className="w-full max-w-xl border-collapse text-left">
      <caption className="mb-2 text-left font-semibold">{caption}</caption>
      <thead>
        <tr className="border-b border-slate-300 text-sm dark:border-slate-700">
          <th scope="col" className="py-1 pr-4">
            Rank
          </th>
          <th scope="col" className="py-1 pr-4">
            Name
          </th>
          <th scope="col" className="py-1">
            Points
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={`${row.rank}-${row.name}`} className={`border-b border-slate-200 dark:border-slate-800 ${row.isYou ? "font-semibold" : ""}`}>
            <td className="py-1 pr-4">{row.rank}</td>
            <td className="py-1 pr-4">
              {row.name}
              {row.isYou ? " (you)" : ""}
            </td>
            <td className="py-1">{row.score}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function place(rank: number): string {
  const tens = rank % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : rank % 10 === 1 ? "st" : rank % 10 === 2 ? "nd" : rank % 10 === 3 ? "rd" : "th";
  return `${rank}${suffix}`;
}

/** The top players at the end of a live quiz: three by default, as many as the room's podium holds. */
export function Podium({ rows, size = 3 }: { rows: Row[]; size?: number }) {
  return (
    <section aria-labelledby="podium-heading" className="space-y-3">
      <h2 id="podium-heading" className="text-2xl font-bold">
        Podium
      </h2>
      <ol className="grid gap-3 sm:grid-cols-3" data-testid="podium">
        {rows.slice(0, size).map((row, index) => (
          <li key={`${row.rank}-${index}`} className={`rounded-lg border p-4 text-center ${index === 0 ? "border-amber-500 sm:col-span-3" : "border-slate-200 dark:border-slate-800"}`}>
            <p className="text-sm text-slate-600 dark:text-slate-400">{place(row.rank)}</p>
            <p className={`font-semibold ${index === 0 ? "text-3xl" : "text-xl"}`}>
              {row.name}
              {row.isYou ? " (you)" : ""}
            </p>
            <p>{row.score} points</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
