import type { Metadata } from "next";
import { AccessKeysView } from "@/components/access-keys/access-keys-view";
import { peekPlatform } from "@/lib/platform/global";

export const metadata: Metadata = { title: "Access keys" };
export const dynamic = "force-dynamic";

export default function AccessKeysPage() {
  // The region clients must sign for: the snippets use it.
  const region = peekPlatform()?.settings.NIMBUS_REGION ?? "us-east-1";
  return <AccessKeysView region={region} />;
}
