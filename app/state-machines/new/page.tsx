import type { Metadata } from "next";
import { CreateStateMachineView } from "@/components/workflows/create-state-machine-view";
import { templateIdOf } from "@/components/workflows/templates";

export const metadata: Metadata = { title: "Create state machine" };

export default async function NewStateMachinePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return <CreateStateMachineView initialTemplate={templateIdOf((await searchParams).template)} />;
}
