const track =
  "relative inline-flex h-5 w-9 shrink-0 items-center rounded-full transition-colors focus-visible:outline-2 " +
  "focus-visible:outline-offset-2 focus-visible:outline-orange-500 disabled:cursor-wait disabled:opacity-60";
const thumb = "inline-block h-4 w-4 rounded-full bg-white shadow transition-transform";

/** An on/off switch (WAI-ARIA switch: a button with aria-checked); the state is also written in words. */
export function EnabledSwitch({
  checked,
  label,
  disabled,
  onChange,
}: {
  checked: boolean;
  label: string;
  disabled?: boolean;
  onChange: (next: boolean) => void;
}) {
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        role="switch"
        aria-checked={checked}
        aria-label={label}
        disabled={disabled}
        onClick={() => onChange(!checked)}
        className={`${track} ${checked ? "bg-orange-600" : "bg-slate-300 dark:bg-slate-600"}`}
      >
        <span aria-hidden className={`${thumb} ${checked ? "translate-x-4.5" : "translate-x-0.5"}`} />
      </button>
      <span aria-hidden className="w-6 text-xs text-slate-600 dark:text-slate-400">
        {checked ? "On" : "Off"}
      </span>
    </span>
  );
}
