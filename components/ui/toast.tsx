"use client";
import { createContext, useCallback, useContext, useState, type ReactNode } from "react";

type Tone = "success" | "error" | "info";
export interface Toast {
  id: number;
  tone: Tone;
  text: string;
}

const ToastContext = createContext<(tone: Tone, text: string) => void>(() => {});

export function useToast() {
  return useContext(ToastContext);
}

let nextId = 1;

/** At most this many toasts show at once: a burst of saves must not cover the page. */
export const MAX_TOASTS = 2;

/** The toasts after `next` arrives: the same text again replaces its earlier toast, and the oldest go past MAX_TOASTS. */
export function withToast(toasts: Toast[], next: Toast): Toast[] {
  return [...toasts.filter((t) => t.text !== next.text), next].slice(-MAX_TOASTS);
}

/** Toasts for mutations: announced politely to screen readers, gone after a few seconds, never piling up. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const push = useCallback((tone: Tone, text: string) => {
    const id = nextId++;
    setToasts((t) => withToast(t, { id, tone, text }));
    setTimeout(() => setToasts((t) => t.filter((x) => x.id !== id)), tone === "error" ? 6000 : 3000);
  }, []);
  return (
    <ToastContext.Provider value={push}>
      {children}
      <div
        aria-live="polite"
        role="status"
        className="pointer-events-none fixed right-4 bottom-4 z-50 flex w-96 flex-col gap-2"
      >
        {toasts.map((t) => (
          <div
            key={t.id}
            className={`pointer-events-auto rounded-md px-4 py-3 text-sm shadow-lg ${
              t.tone === "success"
                ? "bg-emerald-600 text-white"
                : t.tone === "error"
                  ? "bg-red-600 text-white"
                  : "bg-slate-800 text-white"
            }`}
          >
            {t.text}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
