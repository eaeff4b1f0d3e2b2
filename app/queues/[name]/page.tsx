import type { Metadata } from "next";
import { Suspense } from "react";
import { QueueView } from "@/components/queues/queue-view";
import { Loading } from "@/components/ui/states";
import { peekPlatform } from "@/lib/platform/global";
import { SQS_LIMITS } from "@/lib/services/queues/schemas";

type Props = { params: Promise<{ name: string }> };

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).name) };
}

export default async function QueuePage({ params }: Props) {
  const { name } = await params;
  const limits = peekPlatform()?.queues.limits ?? SQS_LIMITS;
  return (
    <Suspense fallback={<Loading label="Loading queue…" />}>
      <QueueView name={decodeURIComponent(name)} limits={{ ...limits }} />
    </Suspense>
  );
}
