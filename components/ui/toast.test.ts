import { describe, expect, it } from "vitest";
import { MAX_TOASTS, withToast, type Toast } from "@/components/ui/toast";

const t = (id: number, text: string): Toast => ({ id, tone: "success", text });

describe("toasts", () => {
  it("never pile up past MAX_TOASTS: the oldest go", () => {
    let shown: Toast[] = [];
    for (let i = 1; i <= 5; i++) shown = withToast(shown, t(i, `saved ${i}`));
    expect(shown.map((x) => x.id)).toEqual([4, 5]);
    expect(shown).toHaveLength(MAX_TOASTS);
  });

  it("show the same message once: a repeat replaces it", () => {
    const shown = withToast([t(1, "Configuration saved"), t(2, "Deployed")], t(3, "Configuration saved"));
    expect(shown.map((x) => [x.id, x.text])).toEqual([
      [2, "Deployed"],
      [3, "Configuration saved"],
    ]);
  });
});
