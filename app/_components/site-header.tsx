import Link from "next/link";
import { getViewer } from "@/server/auth/viewer";
import { getServerCaller } from "../_trpc/server";
import { signOutAction } from "../(auth)/actions";
import { NavLinks, type NavItem } from "./nav-links";
import { Bell, ChevronDown } from "lucide-react";

export async function SiteHeader() {
  const viewer = await getViewer();
  const items: NavItem[] = [
    { href: "/courses", label: "Courses" },
    { href: "/dashboard", label: "Dashboard" },
    { href: "/review", label: "Review" },
    { href: "/cards", label: "My cards" },
    { href: "/games", label: "Games" },
    { href: "/leaderboard", label: "Leaderboard" },
    { href: "/lab", label: "Lab" },
  ];
  if (viewer && (viewer.role === "INSTRUCTOR" || viewer.role === "ADMIN")) items.push({ href: "/studio", label: "Studio" });
  if (viewer?.role === "ADMIN") items.push({ href: "/admin/users", label: "Admin" });
  const unread = viewer ? await (await getServerCaller()).gamification.unreadCount() : 0;

  return (
    <header className="border-b border-slate-200 bg-white/90 backdrop-blur dark:border-slate-800 dark:bg-slate-950/90">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-2 gap-y-2 px-4 py-3 sm:gap-x-3 sm:px-6 md:gap-x-6">
        <Link href="/" className="text-base font-bold tracking-tight text-brand-600 sm:text-lg dark:text-brand-100">
          Learnloop
        </Link>
        <NavLinks items={items} />
        <div className="ml-auto flex items-center gap-1 sm:gap-3">
          {viewer ? (
            <Link
              href="/notifications"
              className="relative rounded-md px-2 py-2 text-sm font-medium sm:px-3 hover:bg-slate-100 dark:hover:bg-slate-800"
              aria-label={unread ? `Notifications, ${unread} unread` : "Notifications"}
            >
              <Bell aria-hidden="true" className="inline-block h-5 w-5" />
              {unread ? (
                <span aria-hidden="true" className="absolute -top-0.5 -right-0.5 min-w-5 rounded-full bg-red-700 px-1 text-center text-xs font-bold text-white">
                  {unread > 99 ? "99+" : unread}
                </span>
              ) : null}
            </Link>
          ) : null}
          {viewer ? (
            <details className="relative">
              <summary className="cursor-pointer list-none rounded-md px-2 py-1.5 text-sm font-medium sm:px-3 sm:py-2 hover:bg-slate-100 dark:hover:bg-slate-800" aria-label={`Account menu for ${viewer.name}`}>
                <span aria-hidden="true" className="inline-flex h-7 w-7 items-center justify-center rounded-full bg-brand-600 text-sm font-bold text-white sm:hidden">
                  {viewer.name.trim().charAt(0).toUpperCase() || "?"}
                </span>
                <span className="hidden max-w-[14rem] truncate align-bottom sm:inline-block">{viewer.name}</span> <ChevronDown aria-hidden="true" className="inline h-4 w-4" />
              </summary>
              <div className="absolute right-0 z-20 mt-1 w-56 rounded-md border border-slate-200 bg-white p-2 shadow-lg dark:border-slate-700 dark:bg-slate-900">
                <p className="truncate px-2 py-1 text-xs text-slate-600 dark:text-slate-400">{viewer.email}</p>
                <Link href="/my-courses" className="block rounded px-2 py-2 text-sm hover:bg-slate-100 dark:hover:bg-slate-800">
                  My courses
                </Link>
                <Link href="/settings" className="block rounded px-2 py-2 text-sm hover:bg-slate-100 dark:hover:bg-slate-800">
                  Profile and settings
                </Link>
                <form action={signOutAction}>
                  <button type="submit" className="w-full rounded px-2 py-2 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-800">
                    Sign out
                  </button>
                </form>
              </div>
            </details>
          ) : (
            <>
              <Link href="/sign-in" className="rounded-md px-2 py-2 text-sm font-medium sm:px-3 hover:bg-slate-100 dark:hover:bg-slate-800">
                Sign in
              </Link>
              <Link href="/sign-up" className="rounded-md bg-brand-600 px-2 py-2 text-sm font-medium sm:px-3 text-white hover:bg-brand-700">
                Sign up
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
