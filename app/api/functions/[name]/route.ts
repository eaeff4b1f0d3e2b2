import { route, jsonBody } from "@/lib/http/route";
import { deleteFunction, getFunctionOrThrow, updateFunctionConfiguration } from "@/lib/services/functions";

type P = { name: string };

export const GET = route<P>(async ({ params, rt }) => getFunctionOrThrow(rt.services, params.name));

export const PATCH = route<P>(async ({ req, params, rt }) => {
  const body = await jsonBody(req);
  return updateFunctionConfiguration(rt.services, params.name, body);
});

export const DELETE = route<P>(async ({ params, rt }) => {
  await deleteFunction(rt.services, params.name);
});
