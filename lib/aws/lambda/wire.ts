/**
 * Request bodies of the Lambda API as the AWS SDK sends them, parsed once by zod into the
 * services' terms. Fields AWS defines that Nimbus does not use (Role, Architectures, Layers,
 * …) are accepted and ignored, as a deploy tool sends them on every call; a field of the wrong
 * type is a 400 InvalidParameterValueException naming it with its wire name.
 */
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { assertStorableText } from "@/lib/services/validate";

/** Parses a JSON body with a wire schema; an empty body is `{}`. */
export function parseWire<S extends z.ZodType>(schema: S, raw: Buffer): z.output<S> {
  let v: unknown = {};
  if (raw.length) {
    try {
      v = JSON.parse(raw.toString("utf8"));
    } catch {
      throw new AppError("InvalidRequestContentException", "Could not parse request body into json");
    }
  }
  if (typeof v !== "object" || v === null || Array.isArray(v))
    throw new AppError("InvalidRequestContentException", "The request body must be a JSON object");
  assertStorableText(v); // names the field as the client sent it (e.g. Environment.Variables.KEY)
  const r = schema.safeParse(v);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.join(".");
  throw new AppError(
    "InvalidParameterValueException",
    field ? `${field}: ${issue.message}` : issue.message,
    field ? { field } : {},
  );
}

const str = z.string({ error: "must be a string" });
const num = z.number({ error: "must be a number" });
const opt = <T extends z.ZodType>(t: T) => t.nullish().transform((v) => v ?? undefined);

const Environment = z
  .object({ Variables: opt(z.record(z.string(), str, { error: "must be a map of strings" })) })
  .nullish()
  .transform((e) => (e === null || e === undefined ? undefined : (e.Variables ?? {})));

const EphemeralStorage = z
  .object({ Size: num }, { error: "must be an object with Size" })
  .nullish()
  .transform((e) => e?.Size);

const bool = z.boolean({ error: "must be true or false" });

/** DeadLetterConfig: `{TargetArn}`; an empty TargetArn (or none) removes it, as on Lambda. */
const DeadLetterConfig = z
  .object({ TargetArn: opt(str) }, { error: "must be an object with TargetArn" })
  .loose()
  .nullish()
  .transform((d) => (d === undefined ? undefined : d?.TargetArn ? d.TargetArn : null));

/**
 * Lambda Managed Instances' CapacityProviderConfig: its PerExecutionEnvironmentMaxConcurrency is
 * Nimbus's instance concurrency (64 when the config leaves it out, as on AWS for Node.js). The
 * server is the only capacity provider: the ARN given is not kept (docs/api.md).
 */
const CapacityProviderConfig = z
  .object(
    {
      LambdaManagedInstancesCapacityProviderConfig: z
        .object(
          { CapacityProviderArn: opt(str), PerExecutionEnvironmentMaxConcurrency: opt(num) },
          { error: "must be an object with CapacityProviderArn" },
        )
        .loose(),
    },
    { error: "must be an object with LambdaManagedInstancesCapacityProviderConfig" },
  )
  .nullish()
  .transform((c) =>
    c ? (c.LambdaManagedInstancesCapacityProviderConfig.PerExecutionEnvironmentMaxConcurrency ?? 64) : undefined,
  );

/** TracingConfig: {Mode: Active | PassThrough} (lib/traces). */
const TracingConfig = z
  .object({ Mode: opt(str) }, { error: "must be an object with Mode" })
  .nullish()
  .transform((t) => t?.Mode);

/** The configuration fields CreateFunction and UpdateFunctionConfiguration share. */
const configuration = {
  Description: opt(str),
  Runtime: opt(str),
  Handler: opt(str),
  MemorySize: opt(num),
  Timeout: opt(num),
  EphemeralStorage,
  Environment,
  CapacityProviderConfig,
  DeadLetterConfig,
  TracingConfig,
};
const toConfiguration = (b: {
  Description?: string;
  Runtime?: string;
  Handler?: string;
  MemorySize?: number;
  Timeout?: number;
  EphemeralStorage?: number;
  Environment?: Record<string, string>;
  CapacityProviderConfig?: number;
  DeadLetterConfig?: string | null;
  TracingConfig?: string;
}) => ({
  description: b.Description,
  runtime: b.Runtime,
  handler: b.Handler,
  memoryMb: b.MemorySize,
  timeoutSec: b.Timeout,
  ephemeralStorageMb: b.EphemeralStorage,
  instanceConcurrency: b.CapacityProviderConfig,
  tracingMode: b.TracingConfig as "Active" | "PassThrough" | undefined,
  deadLetterTargetArn: b.DeadLetterConfig,
  environment: b.Environment,
});

/** Code.ZipFile (base64); S3 and container images are not served here. */
const ZipCode = z
  .object(
    { ZipFile: z.unknown().optional(), S3Bucket: z.unknown().optional(), ImageUri: z.unknown().optional() },
    { error: "must be an object with ZipFile (a base64-encoded zip)" },
  )
  .loose()
  .transform((code, ctx) => {
    if (typeof code.ZipFile === "string" && code.ZipFile.length > 0) {
      if (!/^[A-Za-z0-9+/=\s]*$/.test(code.ZipFile)) {
        ctx.addIssue({ code: "custom", message: "must be base64", path: ["ZipFile"] });
        return z.NEVER;
      }
      return new Uint8Array(Buffer.from(code.ZipFile, "base64"));
    }
    const other = code.S3Bucket !== undefined || code.ImageUri !== undefined;
    ctx.addIssue({
      code: "custom",
      message: other
        ? "only Code.ZipFile is supported by this server (no S3 or container images)"
        : "a base64-encoded zip is required",
      path: ["ZipFile"],
    });
    return z.NEVER;
  });

/** Tags as the wire has them; their limits are the service's (lib/services/tags). */
const TagMap = opt(z.record(z.string(), str, { error: "must be a map of strings" }));

export const CreateFunctionRequest = z
  .object({ FunctionName: str, Code: ZipCode, Tags: TagMap, Publish: opt(bool), ...configuration })
  .loose()
  .transform((b) => ({
    input: { name: b.FunctionName, zip: b.Code, tags: b.Tags, ...toConfiguration(b) },
    publish: b.Publish === true,
  }));

/** PublishVersion's body. */
export const PublishVersionRequest = z
  .object({ CodeSha256: opt(str), Description: opt(str), RevisionId: opt(str) })
  .loose()
  .transform((b) => ({ codeSha256: b.CodeSha256, description: b.Description, revisionId: b.RevisionId }));

/** TagResource's body. */
export const TagResourceRequest = z
  .object({ Tags: z.record(z.string(), str, { error: "is required: a map of strings" }) })
  .loose()
  .transform((b) => b.Tags);

export const UpdateFunctionConfigurationRequest = z
  .object({ ...configuration, RevisionId: opt(str) })
  .loose()
  .transform((b) => ({ ...toConfiguration(b), revisionId: b.RevisionId }));

/** UpdateFunctionCode's body is the Code object itself… */
export const UpdateFunctionCodeRequest = ZipCode;
/** …with Publish and RevisionId beside ZipFile. */
export const UpdateFunctionCodeOptions = z
  .object({ Publish: opt(bool), RevisionId: opt(str) })
  .loose()
  .transform((b) => ({ publish: b.Publish === true, revisionId: b.RevisionId }));

export const PutFunctionConcurrencyRequest = z
  .object({ ReservedConcurrentExecutions: z.number({ error: "is required and must be a number" }) })
  .loose()
  .transform((b) => b.ReservedConcurrentExecutions);

const Destination = z
  .object({ Destination: opt(str) })
  .loose()
  .optional()
  .transform((d) => (d === undefined ? undefined : (d.Destination ?? null)));

export const EventInvokeConfigRequest = z
  .object({
    MaximumRetryAttempts: opt(num),
    MaximumEventAgeInSeconds: opt(num),
    DestinationConfig: z.object({ OnSuccess: Destination, OnFailure: Destination }).loose().nullish(),
  })
  .loose()
  .transform((b) => ({
    maximumRetryAttempts: b.MaximumRetryAttempts,
    maximumEventAgeSeconds: b.MaximumEventAgeInSeconds,
    onSuccessDestination: b.DestinationConfig?.OnSuccess,
    onFailureDestination: b.DestinationConfig?.OnFailure,
  }));

/** Create/UpdateFunctionUrlConfig: the Cors object goes to the service as given (it checks it). */
const UrlConfigFields = {
  AuthType: opt(str),
  Cors: z.record(z.string(), z.unknown(), { error: "must be an object" }).nullish(),
  InvokeMode: opt(str),
};
export const CreateFunctionUrlConfigRequest = z
  .object({ ...UrlConfigFields, AuthType: z.string({ error: "is required (NONE or AWS_IAM)" }) })
  .loose()
  .transform((b) => ({
    authType: b.AuthType as "NONE",
    cors: b.Cors as never,
    invokeMode: b.InvokeMode as "BUFFERED" | undefined,
  }));
export const UpdateFunctionUrlConfigRequest = z
  .object(UrlConfigFields)
  .loose()
  .transform((b) => ({
    authType: b.AuthType as "NONE" | undefined,
    cors: b.Cors as never,
    invokeMode: b.InvokeMode as "BUFFERED" | undefined,
  }));

export const AddPermissionRequest = z
  .object({
    StatementId: str,
    Action: str,
    Principal: str,
    SourceArn: opt(str),
    SourceAccount: opt(str),
    EventSourceToken: opt(str),
    RevisionId: opt(str),
    PrincipalOrgID: opt(str),
    FunctionUrlAuthType: opt(str),
  })
  .loose()
  .transform((b) => ({
    statementId: b.StatementId,
    action: b.Action,
    principal: b.Principal,
    sourceArn: b.SourceArn,
    sourceAccount: b.SourceAccount,
    principalOrgId: b.PrincipalOrgID,
    functionUrlAuthType: b.FunctionUrlAuthType as "NONE" | undefined,
    revisionId: b.RevisionId,
  }));
