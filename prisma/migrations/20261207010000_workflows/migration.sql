-- CreateTable
CREATE TABLE "state_machines" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL DEFAULT 'STANDARD',
    "definition" TEXT NOT NULL,
    "roleArn" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "revisionId" UUID NOT NULL,
    "tracing" BOOLEAN NOT NULL DEFAULT false,
    "tags" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "state_machines_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workflow_executions" (
    "id" UUID NOT NULL,
    "stateMachineId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL DEFAULT 'STANDARD',
    "status" TEXT NOT NULL DEFAULT 'RUNNING',
    "definition" TEXT NOT NULL,
    "input" TEXT NOT NULL,
    "output" TEXT,
    "error" TEXT,
    "cause" TEXT,
    "snapshot" JSONB NOT NULL,
    "traceId" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stoppedAt" TIMESTAMPTZ(3),
    "redriveCount" INTEGER NOT NULL DEFAULT 0,
    "redrivenAt" TIMESTAMPTZ(3),
    "dueAt" TIMESTAMPTZ(3),
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMPTZ(3),
    "deadlineAt" TIMESTAMPTZ(3),
    "nextEventId" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "workflow_executions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workflow_events" (
    "executionId" UUID NOT NULL,
    "id" INTEGER NOT NULL,
    "previousEventId" INTEGER NOT NULL DEFAULT 0,
    "type" TEXT NOT NULL,
    "timestamp" TIMESTAMPTZ(3) NOT NULL,
    "details" JSONB NOT NULL,

    CONSTRAINT "workflow_events_pkey" PRIMARY KEY ("executionId","id")
);

-- CreateTable
CREATE TABLE "workflow_task_tokens" (
    "token" TEXT NOT NULL,
    "executionId" UUID NOT NULL,
    "threadId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'waiting',
    "output" TEXT,
    "error" TEXT,
    "cause" TEXT,
    "heartbeatAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "workflow_task_tokens_pkey" PRIMARY KEY ("token")
);

-- CreateIndex
CREATE UNIQUE INDEX "state_machines_name_key" ON "state_machines"("name");

-- CreateIndex
CREATE INDEX "workflow_executions_stateMachineId_startedAt_idx" ON "workflow_executions"("stateMachineId", "startedAt" DESC);

-- CreateIndex
CREATE INDEX "workflow_executions_dueAt_idx" ON "workflow_executions"("dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "workflow_executions_stateMachineId_name_key" ON "workflow_executions"("stateMachineId", "name");

-- CreateIndex
CREATE INDEX "workflow_task_tokens_executionId_idx" ON "workflow_task_tokens"("executionId");

-- AddForeignKey
ALTER TABLE "workflow_executions" ADD CONSTRAINT "workflow_executions_stateMachineId_fkey" FOREIGN KEY ("stateMachineId") REFERENCES "state_machines"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workflow_events" ADD CONSTRAINT "workflow_events_executionId_fkey" FOREIGN KEY ("executionId") REFERENCES "workflow_executions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workflow_task_tokens" ADD CONSTRAINT "workflow_task_tokens_executionId_fkey" FOREIGN KEY ("executionId") REFERENCES "workflow_executions"("id") ON DELETE CASCADE ON UPDATE CASCADE;


