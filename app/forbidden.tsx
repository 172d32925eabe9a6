import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="mx-auto max-w-lg space-y-4 py-16 text-center">
      <p className="text-sm font-semibold text-brand-600">403</p>
      <h1 className="text-3xl font-bold">You do not have access to this page</h1>
      <p className="text-slate-700 dark:text-slate-300">
        This area is for another role. If you think you should have access, ask the site&apos;s admin to change your role.
      </p>
      <Link href="/dashboard" className="inline-block font-medium text-brand-600 underline dark:text-brand-100">
        Go to your dashboard
      </Link>
    </div>
  );
}
