/** Ready-to-paste ways to use a new key: environment variables, `aws configure`, a credentials file. */
export interface KeySnippetInput {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  endpoint: string;
}

/**
 * For the SDKs and the CLI alike: AWS_REGION is what the SDKs read, AWS_DEFAULT_REGION what the CLI
 * reads; AWS_ENDPOINT_URL serves every service (Lambda, SQS, Scheduler) for the SDKs and CLI 2.13+,
 * and --endpoint-url the older CLIs. Run as printed by test/first-run/console-snippets.test.ts.
 */
export function envSnippet(k: KeySnippetInput): string {
  return [
    `export AWS_ACCESS_KEY_ID=${k.accessKeyId}`,
    `export AWS_SECRET_ACCESS_KEY=${k.secretAccessKey}`,
    `export AWS_REGION=${k.region} AWS_DEFAULT_REGION=${k.region}`,
    `export AWS_ENDPOINT_URL=${k.endpoint}`,
    `aws lambda list-functions --endpoint-url ${k.endpoint}`,
  ].join("\n");
}

export function configureSnippet(k: KeySnippetInput, profile = "nimbus"): string {
  return [
    `aws configure set aws_access_key_id ${k.accessKeyId} --profile ${profile}`,
    `aws configure set aws_secret_access_key ${k.secretAccessKey} --profile ${profile}`,
    `aws configure set region ${k.region} --profile ${profile}`,
    `aws lambda list-functions --profile ${profile} --endpoint-url ${k.endpoint}`,
  ].join("\n");
}
