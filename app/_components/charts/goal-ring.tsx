/** Today's XP against the daily goal as a ring, exposed as a progress bar. */
export function GoalRing({ value, goal }: { value: number; goal: number }) {
  const radius = 40;
  const circumference = 2 * Math.PI * radius;
  const share = goal > 0 ? Math.min(1, value / goal) : 0;
  return (
    <div role="progressbar" aria-label="Daily goal" aria-valuemin={0} aria-valuemax={goal} aria-valuenow={Math.min(value, goal)} aria-valuetext={`${value} of ${goal} XP today`} className="relative h-24 w-24 shrink-0">
      <svg viewBox="0 0 100 100" className="h-24 w-24 -rotate-90" aria-hidden="true">
        <circle cx={50} cy={50} r={radius} strokeWidth={10} fill="none" className="stroke-slate-200 dark:stroke-slate-800" />
        <circle cx={50} cy={50} r={radius} strokeWidth={10} fill="none" strokeLinecap="round" strokeDasharray={circumference} strokeDashoffset={circumference * (1 - share)} className={share >= 1 ? "stroke-emerald-600" : "stroke-brand-600"} />
      </svg>
      <span className="absolute inset-0 flex flex-col items-center justify-center text-sm font-semibold" aria-hidden="true">
        {value}/{goal}
        <span className="text-[10px] font-normal">XP</span>
      </span>
    </div>
  );
}
