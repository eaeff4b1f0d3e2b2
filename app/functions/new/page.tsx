import type { Metadata } from "next";
import { CreateFunctionForm } from "@/components/functions/create-function-form";
import { templateOf } from "@/components/functions/templates";

export const metadata: Metadata = { title: "Create function" };

export default async function NewFunctionPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return <CreateFunctionForm initialTemplate={templateOf((await searchParams).template)} />;
}
