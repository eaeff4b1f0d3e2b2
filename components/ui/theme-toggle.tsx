"use client";
import { useEffect, useState } from "react";

/** Light/dark switch; the choice is remembered, the system preference is the default. */
export function ThemeToggle() {
  const [dark, setDark] = useState<boolean | null>(null);
  useEffect(() => setDark(document.documentElement.classList.contains("dark")), []);
  const toggle = () => {
    const next = !dark;
    setDark(next);
    document.documentElement.classList.toggle("dark", next);
    localStorage.setItem("nimbus-theme", next ? "dark" : "light");
  };
  return (
    <button
      type="button"
      onClick={toggle}
      aria-label={dark ? "Switch to light mode" : "Switch to dark mode"}
      className={
        "rounded-md px-2 py-1 text-sm text-slate-600 hover:bg-slate-100 " +
        "dark:text-slate-300 dark:hover:bg-slate-800"
      }
    >
      {dark ? "☀ Light" : "☾ Dark"}
    </button>
  );
}

/** Runs before paint so the page never flashes the wrong theme. */
export const themeScript =
  'try{var t=localStorage.getItem("nimbus-theme");' +
  'if(t==="dark"||(!t&&matchMedia("(prefers-color-scheme: dark)").matches))' +
  'document.documentElement.classList.add("dark")}catch(e){}';

/** True while the console shows its dark theme (follows the toggle). */
export function useIsDark(): boolean {
  const [dark, setDark] = useState(false);
  useEffect(() => {
    const el = document.documentElement;
    const update = () => setDark(el.classList.contains("dark"));
    update();
    const obs = new MutationObserver(update);
    obs.observe(el, { attributes: true, attributeFilter: ["class"] });
    return () => obs.disconnect();
  }, []);
  return dark;
}
