/**
 * The Lambda API, one row per operation: its name, method and path as @aws-sdk/client-lambda
 * sends them, and a handler that parses the body with its wire schema (wire.ts), calls one
 * service verb and shapes the answer (shapes.ts). Rows live in routes/ by resource; adding an
 * operation is adding a row there. Invoke comes first: it is the hot path.
 */
import { ACCOUNT_ROUTES } from "@/lib/aws/lambda/routes/account";
import { ALIAS_ROUTES } from "@/lib/aws/lambda/routes/aliases";
import { CONCURRENCY_ROUTES } from "@/lib/aws/lambda/routes/concurrency";
import { DEPLOY_READ_ROUTES } from "@/lib/aws/lambda/routes/deploy-reads";
import { EVENT_INVOKE_CONFIG_ROUTES } from "@/lib/aws/lambda/routes/event-invoke-config";
import { EVENT_SOURCE_MAPPING_ROUTES } from "@/lib/aws/lambda/routes/event-source-mappings";
import { FUNCTION_ROUTES } from "@/lib/aws/lambda/routes/functions";
import { TAG_ROUTES } from "@/lib/aws/lambda/routes/tags";
import { URL_ROUTES } from "@/lib/aws/lambda/routes/urls";
import { VERSION_ROUTES } from "@/lib/aws/lambda/routes/versions";
import type { LambdaRoute } from "@/lib/aws/lambda/types";

export type { AwsApiRuntime, LambdaCall, LambdaRoute, Reply } from "@/lib/aws/lambda/types";

export const LAMBDA_ROUTES: readonly LambdaRoute[] = [
  ...FUNCTION_ROUTES,
  ...CONCURRENCY_ROUTES,
  ...EVENT_INVOKE_CONFIG_ROUTES,
  ...ACCOUNT_ROUTES,
  ...URL_ROUTES,
  ...DEPLOY_READ_ROUTES,
  ...TAG_ROUTES,
  ...VERSION_ROUTES,
  ...ALIAS_ROUTES,
  ...EVENT_SOURCE_MAPPING_ROUTES,
];
