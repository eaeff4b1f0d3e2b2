import { getRuntime } from "@/lib/runtime/global";
import { listFunctions } from "@/lib/services/functions";

export const dynamic = "force-dynamic";

export default async function FunctionsPage() {
  const rt = getRuntime();
  const { items } = await listFunctions(rt.services, { maxItems: 100 });
  return (
    <section>
      <h1 className="mb-6 text-2xl font-semibold">Functions</h1>
      {items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-500 dark:border-slate-700">
          No functions yet. Create one with the AWS SDK or CLI pointed at this server.
        </p>
      ) : (
        <table className="w-full overflow-hidden rounded-lg bg-white text-sm shadow-sm dark:bg-slate-900">
          <thead className="bg-slate-100 text-left text-slate-600 dark:bg-slate-800 dark:text-slate-300">
            <tr>
              <th className="px-4 py-2">Name</th>
              <th className="px-4 py-2">Runtime</th>
              <th className="px-4 py-2">Memory</th>
              <th className="px-4 py-2">Timeout</th>
              <th className="px-4 py-2">Last modified</th>
            </tr>
          </thead>
          <tbody>
            {items.map((f) => (
              <tr key={f.id} className="border-t border-slate-100 dark:border-slate-800">
                <td className="px-4 py-2 font-medium">{f.name}</td>
                <td className="px-4 py-2">{f.runtime}</td>
                <td className="px-4 py-2">{f.memoryMb} MB</td>
                <td className="px-4 py-2">{f.timeoutSec} s</td>
                <td className="px-4 py-2">{f.updatedAt.toISOString().replace("T", " ").slice(0, 19)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
