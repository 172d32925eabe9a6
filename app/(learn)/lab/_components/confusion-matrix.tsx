/** Rows: the true class; columns: what the model predicted. The diagonal holds the correct answers. */
export function ConfusionMatrix({ matrix, classNames, caption }: { matrix: number[][]; classNames: string[]; caption: string }) {
  const max = Math.max(1, ...matrix.flat());
  return (
    <div className="relative overflow-x-auto">
      <table className="text-center text-xs">
        <caption className="mb-1 text-left text-sm font-semibold">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="px-2 py-1 text-left">
              true ↓ / predicted →
            </th>
            {classNames.map((name) => (
              <th key={name} scope="col" className="px-2 py-1 font-medium">
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.map((row, i) => (
            <tr key={classNames[i]}>
              <th scope="row" className="px-2 py-1 text-left font-medium">
                {classNames[i]}
              </th>
              {row.map((count, j) => {
                const strength = count / max;
                const background = i === j ? `rgba(22, 163, 74, ${0.15 + 0.6 * strength})` : count ? `rgba(220, 38, 38, ${0.1 + 0.5 * strength})` : "transparent";
                return (
                  <td key={j} className="min-w-10 border border-slate-200 px-2 py-1 tabular-nums dark:border-slate-700" style={{ background }}>
                    {count}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
