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
          <tr key={row.rank} className={`border-b border-slate-200 dark:border-slate-800 ${row.isYou ? "font-semibold" : ""}`}>
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

const PLACES = ["1st", "2nd", "3rd"];

/** The top three at the end of a live quiz. */
export function Podium({ rows }: { rows: Row[] }) {
  return (
    <section aria-labelledby="podium-heading" className="space-y-3">
      <h2 id="podium-heading" className="text-2xl font-bold">
        Podium
      </h2>
      <ol className="grid gap-3 sm:grid-cols-3">
        {rows.slice(0, 3).map((row, index) => (
          <li key={row.rank} className="rounded-lg border border-slate-200 p-4 text-center dark:border-slate-800">
            <p className="text-sm text-slate-600 dark:text-slate-400">{PLACES[index]}</p>
            <p className="text-xl font-semibold">{row.name}</p>
            <p>{row.score} points</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
