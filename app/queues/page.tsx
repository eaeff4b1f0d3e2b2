import type { Metadata } from "next";
import { QueuesView } from "@/components/queues/queues-view";
import { peekPlatform } from "@/lib/platform/global";
import { SQS_LIMITS } from "@/lib/services/queues/schemas";

export const metadata: Metadata = { title: "Queues" };
export const dynamic = "force-dynamic";

export default function QueuesPage() {
  // The server's limits (it may allow longer visibility timeouts and delays than SQS): the forms check against them.
  const limits = peekPlatform()?.queues.limits ?? SQS_LIMITS;
  return <QueuesView limits={{ ...limits }} />;
}
