import { route, jsonBody } from "@/lib/http/route";
import {
  deleteFunction,
  deleteFunctionConcurrency,
  getFunctionOrThrow,
  putFunctionConcurrency,
  updateFunctionConfiguration,
} from "@/lib/services/functions";
import { updateConfigurationInput, reservedConcurrency } from "@/lib/services/functions/schemas";
import { parseInput } from "@/lib/services/validate";

type P = { name: string };

export const GET = route<P>(async ({ params, rt }) => getFunctionOrThrow(rt.services, params.name));

/** Configuration and reservation in one form: everything is validated before anything is saved. */
export const PATCH = route<P>(async ({ req, params, rt }) => {
  const { reservedConcurrency: reserved, ...config } = await jsonBody(req);
  parseInput(updateConfigurationInput, config);
  if (reserved !== undefined && reserved !== null) parseInput(reservedConcurrency, reserved);
  if (reserved === null) await deleteFunctionConcurrency(rt.services, params.name);
  else if (reserved !== undefined) await putFunctionConcurrency(rt.services, params.name, reserved as number);
  return Object.keys(config).length
    ? updateFunctionConfiguration(rt.services, params.name, config)
    : getFunctionOrThrow(rt.services, params.name);
});

export const DELETE = route<P>(async ({ params, rt }) => {
  await deleteFunction(rt.services, params.name);
});
