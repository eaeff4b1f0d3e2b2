"use client";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { useLogout, useSession } from "@/lib/queries/auth";

const avatar = "flex h-6 w-6 items-center justify-center rounded-full bg-orange-600 text-xs font-semibold text-white";

/** The signed-in user in the header: change password, sign out. Nothing on the sign-in pages. */
export function UserMenu() {
  const session = useSession();
  const logout = useLogout();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === "Escape" : !ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  const user = session.data?.user;
  if (!user) return null;
  // A full page load: no cached data of the ended session survives in memory.
  const signOut = () => logout.mutate(undefined, { onSettled: () => window.location.assign("/login") });
  const item = "block w-full px-3 py-2 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-800";
  return (
    <div ref={ref} className="relative">
      <button
        type="button"
        onClick={() => setOpen((o) => !o)}
        aria-haspopup="menu"
        aria-expanded={open}
        className={
          "flex items-center gap-2 rounded-md px-2 py-1 text-sm text-slate-700 hover:bg-slate-100 " +
          "dark:text-slate-200 dark:hover:bg-slate-800"
        }
      >
        <span aria-hidden className={avatar}>
          {user.username.slice(0, 1).toUpperCase()}
        </span>
        {user.username}
        <span aria-hidden>▾</span>
      </button>
      {open ? (
        <div
          role="menu"
          className={
            "absolute right-0 z-20 mt-1 w-44 overflow-hidden rounded-md border border-slate-200 bg-white " +
            "shadow-lg dark:border-slate-700 dark:bg-slate-900"
          }
        >
          <Link role="menuitem" href="/account" className={item} onClick={() => setOpen(false)}>
            Change password
          </Link>
          <button type="button" role="menuitem" className={item} onClick={signOut} disabled={logout.isPending}>
            {logout.isPending ? "Signing out…" : "Sign out"}
          </button>
        </div>
      ) : null}
    </div>
  );
}
