import type { ReactNode } from "react";

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="mb-8 space-y-2">
      <h1 className="text-3xl font-bold tracking-tight">{title}</h1>
      {children ? <div className="max-w-3xl text-slate-700 dark:text-slate-300">{children}</div> : null}
    </div>
  );
}
