/** Validation for EventInvokeConfig: retries, maximum event age and destinations, with Lambda's messages. */
import { z } from "zod";

import { QUEUE_ARN } from "@/lib/message-queues/arn";

const destination = z
  .string()
  .nullable()
  .refine(
    (d) =>
      d === null ||
      QUEUE_ARN.test(d) ||
      /^(arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\d{12}:function:)?[a-zA-Z0-9_-]{1,64}$/.test(d),
    {
      message:
        "Destination must be a function name, a Lambda function ARN or an SQS queue ARN " +
        "(topics and event buses are not supported here)",
    },
  );

export const eventInvokeConfigInput = z.object({
  maximumRetryAttempts: z
    .number()
    .int()
    .min(0, "MaximumRetryAttempts must be between 0 and 2")
    .max(2, "MaximumRetryAttempts must be between 0 and 2")
    .optional(),
  maximumEventAgeSeconds: z
    .number()
    .int()
    .min(60, "MaximumEventAgeInSeconds must be between 60 and 21600")
    .max(21600, "MaximumEventAgeInSeconds must be between 60 and 21600")
    .optional(),
  onSuccessDestination: destination.optional(),
  onFailureDestination: destination.optional(),
});
export type EventInvokeConfigInput = z.input<typeof eventInvokeConfigInput>;
