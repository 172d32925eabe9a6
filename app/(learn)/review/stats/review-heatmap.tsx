// Five shades from none to many reviews; each has a text equivalent in the cell's title and the summary.
const SHADES = ["fill-slate-200 dark:fill-slate-800", "fill-green-200 dark:fill-green-900", "fill-green-400 dark:fill-green-700", "fill-green-600 dark:fill-green-500", "fill-green-800 dark:fill-green-300"];

function shade(reviews: number, max: number) {
  if (reviews === 0) return SHADES[0];
  return SHADES[Math.min(4, 1 + Math.floor((reviews / max) * 3.999))];
}

/** Reviews per day as a calendar heatmap: one column per week, one row per weekday, oldest first. */
export function ReviewHeatmap({ days }: { days: { day: string; reviews: number }[] }) {
  const max = Math.max(1, ...days.map((day) => day.reviews));
  const cell = 12;
  const gap = 3;
  // Weekday of the first day (0 = Sunday), from its calendar date, so columns are real weeks.
  const firstWeekday = new Date(`${days[0]!.day}T12:00:00Z`).getUTCDay();
  const weeks = Math.ceil((days.length + firstWeekday) / 7);
  const active = days.filter((day) => day.reviews > 0);
  const best = days.reduce((top, day) => (day.reviews > top.reviews ? day : top), days[0]!);
  // Margins for the axes: weekday names on the left, month names above their first week.
  const left = 30;
  const top = 16;
  const axisText = "fill-slate-700 text-[10px] dark:fill-slate-300";
  const months: { x: number; label: string }[] = [];
  days.forEach((day, index) => {
    const slot = index + firstWeekday;
    if (day.day.endsWith("-01") || index === 0) {
      const x = left + Math.floor(slot / 7) * (cell + gap);
      if (!months.length || x - months[months.length - 1]!.x > 24) months.push({ x, label: monthName(day.day) });
    }
  });
  return (
    <figure className="space-y-1">
      <svg
        viewBox={`0 0 ${left + weeks * (cell + gap)} ${top + 7 * (cell + gap)}`}
        className="w-full max-w-3xl"
        role="img"
        aria-label={active.length ? `Reviews on ${active.length} of the last ${days.length} days; most on ${best.day} (${best.reviews}).` : `No reviews in the last ${days.length} days.`}
      >
        {months.map((month) => (
          <text key={month.x} x={month.x} y={10} className={axisText} data-testid="heatmap-month">
            {month.label}
          </text>
        ))}
        {[1, 3, 5].map((weekday) => (
          <text key={weekday} x={0} y={top + weekday * (cell + gap) + cell - 2} className={axisText} data-testid="heatmap-weekday">
            {WEEKDAYS[weekday]}
          </text>
        ))}
        {days.map((day, index) => {
          const slot = index + firstWeekday;
          return (
            <rect key={day.day} x={left + Math.floor(slot / 7) * (cell + gap)} y={top + (slot % 7) * (cell + gap)} width={cell} height={cell} rx={2} className={shade(day.reviews, max)} data-reviews={day.reviews}>
              <title>{`${day.day}: ${day.reviews === 1 ? "1 review" : `${day.reviews} reviews`}`}</title>
            </rect>
          );
        })}
      </svg>
      <figcaption className="flex items-center gap-1 text-xs text-slate-700 dark:text-slate-300">
        <span>Fewer reviews</span>
        {SHADES.map((fill) => (
          <svg key={fill} width={12} height={12} aria-hidden="true">
            <rect width={12} height={12} rx={2} className={fill} />
          </svg>
        ))}
        <span>More</span>
        <span className="ml-2">(one column per week, one row per weekday)</span>
      </figcaption>
    </figure>
  );
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

function monthName(day: string): string {
  return new Intl.DateTimeFormat("en", { month: "short", timeZone: "UTC" }).format(new Date(`${day}T12:00:00Z`));
}
