import type { Metadata } from "next";
import { Suspense } from "react";
import { FunctionView } from "@/components/functions/function-view";
import { Loading } from "@/components/ui/states";

type Props = { params: Promise<{ name: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).name) };
}

export default async function FunctionPage({ params }: Props) {
  const { name } = await params;
  return (
    <Suspense fallback={<Loading label="Loading function…" />}>
      <FunctionView name={decodeURIComponent(name)} />
    </Suspense>
  );
}
