/** The stored EventInvokeConfig of a function, and Lambda's defaults when none is stored. */
export interface EventInvokeConfigRecord {
  functionId: string;
  qualifier: string;
  maximumRetryAttempts: number;
  maximumEventAgeSeconds: number;
  onSuccessDestination: string | null;
  onFailureDestination: string | null;
  updatedAt: Date;
}

export const DEFAULT_EVENT_INVOKE_CONFIG = {
  maximumRetryAttempts: 2,
  maximumEventAgeSeconds: 21600,
  onSuccessDestination: null,
  onFailureDestination: null,
};
