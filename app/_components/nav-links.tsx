"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useRef, useState } from "react";

export type NavItem = { href: string; label: string };

/**
 * The main navigation: a row of links from 768 px up; below that, a Menu button that opens the
 * same links as a full-width list (Escape or choosing a link closes it and focus returns).
 */
export function NavLinks({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  return (
    <>
      <button
        ref={button}
        type="button"
        className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 px-2 py-1.5 text-sm font-medium hover:bg-slate-100 md:hidden dark:border-slate-700 dark:hover:bg-slate-800"
        aria-expanded={open}
        aria-controls="main-nav"
        onClick={() => setOpen((value) => !value)}
      >
        <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
          {open ? <path d="M6 6l12 12M18 6L6 18" /> : <path d="M4 6h16M4 12h16M4 18h16" />}
        </svg>
        Menu
      </button>
      <nav
        id="main-nav"
        aria-label="Main"
        className={`${open ? "block" : "hidden"} order-last w-full md:order-none md:block md:w-auto`}
        onKeyDown={(event) => {
          if (event.key === "Escape" && open) close(true);
        }}
      >
        <ul className="flex flex-col gap-1 md:flex-row md:flex-wrap">
          {items.map((item) => {
            const current = pathname === item.href || pathname.startsWith(`${item.href}/`);
            return (
              <li key={item.href}>
                <Link
                  href={item.href}
                  aria-current={current ? "page" : undefined}
                  onClick={() => close(false)}
                  className={`block rounded-md px-3 py-2 text-sm font-medium hover:bg-slate-100 md:inline md:py-2 dark:hover:bg-slate-800 ${current ? "text-brand-600 underline underline-offset-4 dark:text-brand-100" : "text-slate-700 dark:text-slate-300"}`}
                >
                  {item.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
    </>
  );
}
