"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

const LINK = "text-sm text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white";

/** The console's sections; not shown on the sign-in and setup pages, where they would only redirect back. */
export function NavLinks() {
  const pathname = usePathname();
  if (pathname === "/login" || pathname === "/setup") return null;
  return (
    <>
      <Link href="/" className={LINK}>
        Functions
      </Link>
      <Link href="/queues" className={LINK}>
        Queues
      </Link>
      <Link href="/state-machines" className={LINK}>
        State machines
      </Link>
      <Link href="/traces" className={LINK}>
        Traces
      </Link>
      <Link href="/access-keys" className={LINK}>
        Access keys
      </Link>
      <Link href="/audit" className={LINK}>
        Audit log
      </Link>
    </>
  );
}
