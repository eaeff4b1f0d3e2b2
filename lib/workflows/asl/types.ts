/**
 * Amazon States Language definition types, as a state machine's JSON is written. Fields are
 * typed loosely where ASL lets one field take several shapes (a number or a JSONata string).
 */

export type QueryLanguage = "JSONPath" | "JSONata";

/** Any JSON value, as found in payload templates and JSONata fields. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A number, or (in JSONata states) a "{% … %}" expression that evaluates to one. */
export type NumberOrJsonata = number | string;

export type StateMachineDefinition = {
  Comment?: string;
  StartAt: string;
  States: Record<string, State>;
  TimeoutSeconds?: number;
  QueryLanguage?: QueryLanguage;
  Version?: string;
};

/** A Parallel branch or a Map item processor: a nested state machine. */
export type SubMachine = {
  Comment?: string;
  StartAt: string;
  States: Record<string, State>;
  QueryLanguage?: QueryLanguage;
  ProcessorConfig?: { Mode?: "INLINE" | "DISTRIBUTED"; ExecutionType?: "STANDARD" | "EXPRESS" };
};

export type CommonFields = {
  Comment?: string;
  QueryLanguage?: QueryLanguage;
  InputPath?: string | null;
  OutputPath?: string | null;
  /** JSONata only: the state's output (a template whose "{% %}" strings are evaluated). */
  Output?: unknown;
  /** Variables to set when the state completes; values are templates in either language. */
  Assign?: Record<string, unknown>;
  Next?: string;
  End?: boolean;
};

export type Retrier = {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: "FULL" | "NONE";
  Comment?: string;
};

export type Catcher = {
  ErrorEquals: string[];
  Next: string;
  ResultPath?: string | null;
  Output?: unknown;
  Assign?: Record<string, unknown>;
  Comment?: string;
};

type ResultFields = {
  Parameters?: unknown;
  ResultSelector?: unknown;
  ResultPath?: string | null;
  Arguments?: unknown;
};

export type PassState = CommonFields & {
  Type: "Pass";
  Result?: unknown;
  Parameters?: unknown;
  ResultPath?: string | null;
};

export type TaskState = CommonFields &
  ResultFields & {
    Type: "Task";
    Resource: string;
    TimeoutSeconds?: NumberOrJsonata;
    TimeoutSecondsPath?: string;
    HeartbeatSeconds?: NumberOrJsonata;
    HeartbeatSecondsPath?: string;
    Credentials?: unknown;
    Retry?: Retrier[];
    Catch?: Catcher[];
  };

/** A Choice rule (top level, with Next) or a nested rule inside And / Or / Not. */
export type ChoiceRule = {
  Variable?: string;
  Condition?: string | boolean;
  And?: ChoiceRule[];
  Or?: ChoiceRule[];
  Not?: ChoiceRule;
  Next?: string;
  Assign?: Record<string, unknown>;
  Output?: unknown;
  Comment?: string;
  [operator: string]: unknown;
};

export type ChoiceState = CommonFields & {
  Type: "Choice";
  Choices: ChoiceRule[];
  Default?: string;
};

export type WaitState = CommonFields & {
  Type: "Wait";
  Seconds?: NumberOrJsonata;
  Timestamp?: string;
  SecondsPath?: string;
  TimestampPath?: string;
};

export type SucceedState = CommonFields & {
  Type: "Succeed";
};

export type FailState = Omit<CommonFields, "Next" | "End"> & {
  Type: "Fail";
  Error?: string;
  Cause?: string;
  ErrorPath?: string;
  CausePath?: string;
};

export type ParallelState = CommonFields &
  ResultFields & {
    Type: "Parallel";
    Branches: SubMachine[];
    Retry?: Retrier[];
    Catch?: Catcher[];
  };

export type MapState = CommonFields &
  ResultFields & {
    Type: "Map";
    ItemProcessor?: SubMachine;
    /** Legacy name of ItemProcessor. */
    Iterator?: SubMachine;
    ItemsPath?: string;
    /** JSONata: the array to iterate (an array, or an expression yielding one). */
    Items?: unknown;
    ItemSelector?: unknown;
    ItemReader?: Record<string, unknown>;
    ItemBatcher?: Record<string, unknown>;
    ResultWriter?: Record<string, unknown>;
    MaxConcurrency?: NumberOrJsonata;
    MaxConcurrencyPath?: string;
    ToleratedFailureCount?: NumberOrJsonata;
    ToleratedFailureCountPath?: string;
    ToleratedFailurePercentage?: NumberOrJsonata;
    ToleratedFailurePercentagePath?: string;
    Label?: string;
    Retry?: Retrier[];
    Catch?: Catcher[];
  };

export type State =
  | PassState
  | TaskState
  | ChoiceState
  | WaitState
  | SucceedState
  | FailState
  | ParallelState
  | MapState;

export type StateType = State["Type"];

/** The Context object: `$$` in JSONPath, `$states.context` in JSONata. */
export type ContextObject = {
  Execution: {
    Id: string;
    Name: string;
    StartTime: string;
    Input: unknown;
    RoleArn: string;
    RedriveCount: number;
  };
  State: { Name: string; EnteredTime: string; RetryCount: number };
  StateMachine: { Id: string; Name: string };
  Task?: { Token: string };
  Map?: { Item: { Index: number; Value: unknown; Key?: string } };
};

/** An error output, as a Catch passes it on: `{ Error, Cause }`. */
export type ErrorOutput = {
  Error: string;
  Cause: string;
};
