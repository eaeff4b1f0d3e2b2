/**
 * The history events of a Task attempt, as Step Functions writes them: a function named directly
 * gets LambdaFunctionScheduled/Started/Succeeded/Failed/TimedOut; `lambda:invoke` gets
 * TaskScheduled/Started/Submitted/Succeeded/Failed/TimedOut with resourceType "lambda".
 */
import { jsonText } from "@/lib/workflows/engine/history";
import type { TaskResource } from "@/lib/workflows/engine/tasks";
import { parseResource } from "@/lib/workflows/engine/tasks";
import type { StatesFailure, Thread } from "@/lib/workflows/engine/threads";

interface Emitter {
  emit(thread: Thread, type: string, details: Record<string, unknown> | null): void;
  stateOf(thread: Thread): { Resource?: string } & object;
}

export class TaskEvents {
  constructor(
    private readonly run: Emitter,
    private readonly region: string,
  ) {}

  resourceOf(thread: Thread): TaskResource {
    const r = parseResource(String((this.run.stateOf(thread) as { Resource?: string }).Resource));
    return "unsupported" in r ? { kind: "function", functionRef: "" } : r;
  }

  private names(thread: Thread): { lambda: boolean; resource: string; resourceType: string } {
    const r = this.resourceOf(thread);
    if (r.kind === "function") return { lambda: true, resource: r.functionRef, resourceType: "lambda" };
    return { lambda: false, resource: r.waitForToken ? "invoke.waitForTaskToken" : "invoke", resourceType: "lambda" };
  }

  scheduled(thread: Thread, _r: TaskResource, input: unknown, timeoutSec?: number, heartbeatSec?: number): void {
    const n = this.names(thread);
    if (n.lambda)
      this.run.emit(thread, "LambdaFunctionScheduled", {
        resource: n.resource,
        input: jsonText(input),
        ...(timeoutSec ? { timeoutInSeconds: timeoutSec } : {}),
      });
    else
      this.run.emit(thread, "TaskScheduled", {
        resourceType: n.resourceType,
        resource: n.resource,
        region: this.region,
        parameters: jsonText(input),
        ...(timeoutSec ? { timeoutInSeconds: timeoutSec } : {}),
        ...(heartbeatSec ? { heartbeatInSeconds: heartbeatSec } : {}),
      });
  }

  started(thread: Thread, _r: TaskResource): void {
    const n = this.names(thread);
    if (n.lambda) this.run.emit(thread, "LambdaFunctionStarted", null);
    else this.run.emit(thread, "TaskStarted", { resourceType: n.resourceType, resource: n.resource });
  }

  submitted(thread: Thread, _r: TaskResource, output: unknown): void {
    const n = this.names(thread);
    this.run.emit(thread, "TaskSubmitted", {
      resourceType: n.resourceType,
      resource: n.resource,
      output: jsonText(output),
    });
  }

  succeeded(thread: Thread, output: unknown): void {
    const n = this.names(thread);
    if (n.lambda) this.run.emit(thread, "LambdaFunctionSucceeded", { output: jsonText(output) });
    else
      this.run.emit(thread, "TaskSucceeded", {
        resourceType: n.resourceType,
        resource: n.resource,
        output: jsonText(output),
      });
  }

  failed(thread: Thread, f: StatesFailure): void {
    const n = this.names(thread);
    if (n.lambda) this.run.emit(thread, "LambdaFunctionFailed", { error: f.Error, cause: f.Cause });
    else
      this.run.emit(thread, "TaskFailed", {
        resourceType: n.resourceType,
        resource: n.resource,
        error: f.Error,
        cause: f.Cause,
      });
  }

  timedOut(thread: Thread, f: StatesFailure): void {
    const n = this.names(thread);
    if (n.lambda) this.run.emit(thread, "LambdaFunctionTimedOut", { error: f.Error, cause: f.Cause });
    else
      this.run.emit(thread, "TaskTimedOut", {
        resourceType: n.resourceType,
        resource: n.resource,
        error: f.Error,
        cause: f.Cause,
      });
  }
}
