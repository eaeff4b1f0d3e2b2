-- AlterTable
ALTER TABLE "functions" ADD COLUMN     "tracingMode" TEXT NOT NULL DEFAULT 'PassThrough';

-- AlterTable
ALTER TABLE "function_versions" ADD COLUMN     "tracingMode" TEXT NOT NULL DEFAULT 'PassThrough';

-- AlterTable
ALTER TABLE "invocations" ADD COLUMN     "frontMs" DOUBLE PRECISION,
ADD COLUMN     "parentSpanId" TEXT,
ADD COLUMN     "spans" JSONB,
ADD COLUMN     "traceId" TEXT;

-- CreateIndex
CREATE INDEX "invocations_traceId_idx" ON "invocations"("traceId");

-- CreateIndex
CREATE INDEX "workflow_executions_traceId_idx" ON "workflow_executions"("traceId");


