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

export const GET = route<P>(async ({ params, platform }) => getFunctionOrThrow(platform.services, params.name));

/** Configuration and reservation in one form: everything is validated before anything is saved. */
export const PATCH = route<P>(async ({ req, params, platform }) => {
  const { reservedConcurrency: reserved, ...config } = await jsonBody(req);
  parseInput(updateConfigurationInput, config);
  if (reserved !== undefined && reserved !== null) parseInput(reservedConcurrency, reserved);
  if (reserved === null) await deleteFunctionConcurrency(platform.services, params.name);
  else if (reserved !== undefined) await putFunctionConcurrency(platform.services, params.name, reserved as number);
  return Object.keys(config).length
    ? updateFunctionConfiguration(platform.services, params.name, config)
    : getFunctionOrThrow(platform.services, params.name);
});

export const DELETE = route<P>(async ({ params, platform }) => {
  await deleteFunction(platform.services, params.name);
});
