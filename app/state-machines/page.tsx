import type { Metadata } from "next";
import { StateMachinesView } from "@/components/workflows/state-machines-view";

export const metadata: Metadata = { title: "State machines" };

export default function StateMachinesPage() {
  return <StateMachinesView />;
}
