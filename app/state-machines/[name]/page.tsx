import type { Metadata } from "next";
import { Suspense } from "react";
import { Loading } from "@/components/ui/states";
import { StateMachineView } from "@/components/workflows/state-machine-view";

type Props = { params: Promise<{ name: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).name) };
}

export default async function StateMachinePage({ params }: Props) {
  const { name } = await params;
  return (
    <Suspense fallback={<Loading label="Loading state machine…" />}>
      <StateMachineView name={decodeURIComponent(name)} />
    </Suspense>
  );
}
