import { Suspense } from "react";
import { FunctionsList } from "@/components/functions/functions-list";
import { Loading } from "@/components/ui/states";

export default function FunctionsPage() {
  return (
    <Suspense fallback={<Loading label="Loading functions…" />}>
      <FunctionsList />
    </Suspense>
  );
}
