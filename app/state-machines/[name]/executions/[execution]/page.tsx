import type { Metadata } from "next";
import { ExecutionView } from "@/components/workflows/execution-view";

type Props = { params: Promise<{ name: string; execution: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { name, execution } = await params;
  return { title: `${decodeURIComponent(execution)} · ${decodeURIComponent(name)}` };
}

export default async function ExecutionPage({ params }: Props) {
  const { name, execution } = await params;
  return <ExecutionView machine={decodeURIComponent(name)} name={decodeURIComponent(execution)} />;
}
