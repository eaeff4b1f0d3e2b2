import type { Metadata } from "next";
import { CreateFunctionForm } from "@/components/functions/create-function-form";

export const metadata: Metadata = { title: "Create function" };

export default function NewFunctionPage() {
  return <CreateFunctionForm />;
}
