import { DEFINITION_TEMPLATES, type TemplateId } from "@/components/workflows/templates";

const CHOSEN = "border-orange-500 bg-orange-50 dark:bg-orange-950/40";
const NOT_CHOSEN = "border-slate-300 dark:border-slate-700";

/** Template cards (radio buttons): the chosen one stands out. */
export function TemplatePicker({ value, onChange }: { value: TemplateId; onChange: (id: TemplateId) => void }) {
  return (
    <fieldset>
      <legend className="mb-2 text-sm font-medium text-slate-700 dark:text-slate-200">Start from a template</legend>
      <div className="grid gap-3 sm:grid-cols-3">
        {DEFINITION_TEMPLATES.map((t) => (
          <label
            key={t.id}
            className={`cursor-pointer rounded-lg border bg-white p-3 text-sm dark:bg-slate-900 ${value === t.id ? CHOSEN : NOT_CHOSEN}`}
          >
            <input
              type="radio"
              name="definition-template"
              value={t.id}
              checked={value === t.id}
              onChange={() => onChange(t.id)}
              className="mr-2"
            />
            <span className="font-medium">{t.label}</span>
            <span className="mt-1 block text-slate-500 dark:text-slate-400">{t.hint}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
