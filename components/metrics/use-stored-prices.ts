"use client";
import { useEffect, useState } from "react";
import { DEFAULT_PRICES, parsePrice, type Prices } from "@/lib/metrics/cost";

export type PriceKey = "perGbSecondUsd" | "perMillionRequestsUsd";

const STORAGE_KEY = "nimbus-metrics-prices";

export interface StoredPrices {
  /** The last valid prices: the estimate never shows NaN while the user is mid-edit. */
  prices: Prices;
  drafts: Record<PriceKey, string>;
  errors: Record<PriceKey, string | null>;
  setDraft: (key: PriceKey, text: string) => void;
  reset: () => void;
}

const toDrafts = (p: Prices): Record<PriceKey, string> => ({
  perGbSecondUsd: String(p.perGbSecondUsd),
  perMillionRequestsUsd: String(p.perMillionRequestsUsd),
});

function readStored(): Prices | null {
  try {
    const v = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "null") as Partial<Prices> | null;
    const a = v?.perGbSecondUsd;
    const b = v?.perMillionRequestsUsd;
    if (typeof a !== "number" || typeof b !== "number" || a < 0 || b < 0 || !Number.isFinite(a + b)) return null;
    return { perGbSecondUsd: a, perMillionRequestsUsd: b };
  } catch {
    return null; // storage blocked or garbage: fall back to the published prices
  }
}

function writeStored(p: Prices): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(p));
  } catch {
    // Private mode or a full quota: the price still applies for this visit.
  }
}

/** The cost panel's editable prices, remembered in localStorage across visits and functions. */
export function useStoredPrices(): StoredPrices {
  const [prices, setPrices] = useState<Prices>(DEFAULT_PRICES);
  const [drafts, setDrafts] = useState(() => toDrafts(DEFAULT_PRICES));
  const [errors, setErrors] = useState<Record<PriceKey, string | null>>({
    perGbSecondUsd: null,
    perMillionRequestsUsd: null,
  });

  // Read after mount, not during render, so the server-rendered HTML and the first client render agree.
  useEffect(() => {
    const stored = readStored();
    if (stored) {
      setPrices(stored);
      setDrafts(toDrafts(stored));
    }
  }, []);

  const setDraft = (key: PriceKey, text: string) => {
    setDrafts((d) => ({ ...d, [key]: text }));
    const value = parsePrice(text);
    setErrors((e) => ({ ...e, [key]: value === null ? "Enter a price of 0 or more, e.g. 0.20" : null }));
    if (value === null) return;
    const next = { ...prices, [key]: value };
    setPrices(next);
    writeStored(next);
  };

  const reset = () => {
    setPrices(DEFAULT_PRICES);
    writeStored(DEFAULT_PRICES);
    setDrafts(toDrafts(DEFAULT_PRICES));
    setErrors({ perGbSecondUsd: null, perMillionRequestsUsd: null });
  };

  return { prices, drafts, errors, setDraft, reset };
}
