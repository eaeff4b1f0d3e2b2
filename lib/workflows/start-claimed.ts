/**
 * An execution started together with a claim, in one transaction: a schedule's fire (the slot's
 * claim; each slot starts exactly one execution across servers, named after the fire's request
 * id) or an event source's batch (the delete of its messages). A crash cannot claim without
 * starting, and a claim that takes nothing starts nothing. The runners pick it up by its NOTIFY.
 */
import { randomBytes } from "node:crypto";
import type pg from "pg";
import { withTransaction } from "@/lib/db/transaction";
import { stateMachineArn } from "@/lib/workflows/arn";
import { INSERT_EXECUTION, insertExecutionValues } from "@/lib/workflows/engine/insert";
import { standardExecution } from "@/lib/workflows/engine/start";

export async function startExecutionClaimed(
  pool: pg.Pool,
  shape: { region: string; accountId: string },
  claim: { sql: string; params: unknown[] },
  machineName: string,
  input: string,
  name: string,
): Promise<boolean> {
  return withTransaction(pool, async (client) => {
    const m = await client.query<{ id: string; definition: string; roleArn: string; type: string }>(
      `SELECT id, definition, "roleArn", type FROM state_machines WHERE name = $1`,
      [machineName],
    );
    const machine = m.rows[0];
    if (!machine) throw new Error(`state machine ${machineName} does not exist`);
    if (machine.type !== "STANDARD")
      throw new Error(`state machine ${machineName} is Express: only Standard ones start with a claim`);
    if ((await client.query(claim.sql, claim.params)).rowCount === 0) return false;
    const startedAt = new Date();
    const { row, events } = standardExecution({
      id: name,
      name,
      machine,
      machineArn: stateMachineArn(shape.region, shape.accountId, machineName),
      inputText: input,
      input: JSON.parse(input),
      traceId: randomBytes(16).toString("hex"),
      startedAt,
    });
    await client.query(INSERT_EXECUTION, insertExecutionValues(row, events));
    return true;
  });
}
