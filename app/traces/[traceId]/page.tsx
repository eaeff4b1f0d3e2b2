import type { Metadata } from "next";
import { Suspense } from "react";
import { TraceView } from "@/components/traces/trace-view";
import { Loading } from "@/components/ui/states";

type Props = { params: Promise<{ traceId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Trace ${decodeURIComponent((await params).traceId).slice(0, 8)}` };
}

export default async function TracePage({ params }: Props) {
  const { traceId } = await params;
  return (
    <Suspense fallback={<Loading label="Loading trace…" />}>
      <TraceView traceId={decodeURIComponent(traceId)} />
    </Suspense>
  );
}
