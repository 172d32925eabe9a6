import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-lg space-y-4 py-16 text-center">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="text-3xl font-bold">Page not found</h1>
      <p className="text-slate-700 dark:text-slate-300">The page you asked for does not exist or has moved.</p>
      <Link href="/" className="inline-block font-medium text-brand-600 underline dark:text-brand-100">
        Back to the home page
      </Link>
    </div>
  );
}
