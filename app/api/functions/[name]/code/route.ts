import { strFromU8 } from "fflate";
import { route, jsonBody } from "@/lib/http/route";
import { getFunctionCode, updateFunctionCode } from "@/lib/services/functions";
import { consoleSourcePackage, readPackage } from "@/lib/code/package";
import { SINGLE_FILE_NAME } from "@/lib/code/templates";

type P = { name: string };

/** The function's source files (text files only; the console edits single-file functions). */
export const GET = route<P>(async ({ params, platform }) => {
  const { fn, zip } = await getFunctionCode(platform.services, params.name);
  const files = readPackage(zip).map((f) => ({
    path: f.path,
    size: f.data.byteLength,
    text: f.data.byteLength < 1024 * 1024 ? strFromU8(f.data) : null,
  }));
  return { codeSha256: fn.codeSha256, files };
});

export const PUT = route<P>(async ({ req, params, platform }) => {
  const body = await jsonBody(req);
  return updateFunctionCode(platform.services, params.name, consoleSourcePackage(body.source, SINGLE_FILE_NAME));
});
