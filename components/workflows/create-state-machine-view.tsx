"use client";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { SelectField } from "@/components/ui/select-field";
import { useToast } from "@/components/ui/toast";
import { ApiError } from "@/lib/http/client";
import { type MachineType, useCreateStateMachine } from "@/lib/queries/state-machines";
import { DefinitionWorkbench } from "@/components/workflows/definition-workbench";
import { resourceNameProblem } from "@/components/workflows/execution-format";
import { TemplatePicker } from "@/components/workflows/template-picker";
import { type TemplateId, templateText } from "@/components/workflows/templates";
import { useDefinitionDraft } from "@/components/workflows/use-definition-draft";

/** The Create state machine page: name, type, a template, and the definition beside its graph. */
export function CreateStateMachineView({ initialTemplate }: { initialTemplate: TemplateId }) {
  const router = useRouter();
  const toast = useToast();
  const create = useCreateStateMachine();
  const [name, setName] = useState("");
  const [type, setType] = useState<MachineType>("STANDARD");
  const [template, setTemplate] = useState<TemplateId>(initialTemplate);
  const [loads, setLoads] = useState(0);
  const [touched, setTouched] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const draft = useDefinitionDraft(templateText(initialTemplate), type);
  const problem = resourceNameProblem(name, "state machine name");

  const pickTemplate = (id: TemplateId) => {
    const edited = draft.text !== templateText(template);
    if (edited && !confirm("Replace the definition you have edited with this template?")) return;
    setTemplate(id);
    draft.setText(templateText(id));
    setLoads((n) => n + 1);
  };

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    setTouched(true);
    if (problem || create.isPending) return;
    setServerError(null);
    create.mutate(
      { name, type, definition: draft.text },
      {
        onSuccess: (m) => {
          toast("success", `State machine ${m.name} created`);
          router.push(`/state-machines/${encodeURIComponent(m.name)}?tab=definition`);
        },
        onError: (err) => setServerError(err instanceof ApiError ? err.message : "Could not create the state machine."),
      },
    );
  };

  return (
    <form onSubmit={submit} className="space-y-6" noValidate aria-label="Create state machine">
      <h1 className="text-2xl font-semibold">Create state machine</h1>
      <div className="grid max-w-3xl gap-4 sm:grid-cols-[2fr_1fr]">
        <Field
          label="Name"
          value={name}
          autoFocus
          onChange={(e) => setName(e.target.value.trim())}
          // Leaving the field empty (to pick a template first) is not yet a mistake; submitting is.
          onBlur={() => name && setTouched(true)}
          error={touched ? problem : null}
          hint="Up to 80 characters, without spaces, brackets or wildcards."
        />
        <SelectField
          label="Type"
          value={type}
          onChange={(e) => setType(e.target.value as MachineType)}
          hint={type === "STANDARD" ? "Durable, up to a year; redrivable." : "In memory, short; answers at once."}
        >
          <option value="STANDARD">Standard</option>
          <option value="EXPRESS">Express</option>
        </SelectField>
      </div>
      <TemplatePicker value={template} onChange={pickTemplate} />
      <DefinitionWorkbench
        draft={draft}
        editorKey={loads}
        path="file:///new-state-machine.asl.json"
        label="Definition of the new state machine"
        onSave={() => submit()}
      />
      <FormError message={serverError} />
      <div className="flex gap-3">
        <Button type="submit" variant="primary" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create state machine"}
        </Button>
        <Button type="button" onClick={() => router.push("/state-machines")}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
