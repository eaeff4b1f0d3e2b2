-- AlterTable
ALTER TABLE "invocations" ADD COLUMN     "batchSize" INTEGER,
ADD COLUMN     "eventSourceArn" TEXT;

-- CreateTable
CREATE TABLE "event_source_mappings" (
    "id" UUID NOT NULL,
    "functionId" UUID NOT NULL,
    "qualifier" TEXT,
    "queueName" TEXT NOT NULL,
    "batchSize" INTEGER NOT NULL DEFAULT 10,
    "maxBatchingWindowSec" INTEGER NOT NULL DEFAULT 0,
    "reportBatchItemFailures" BOOLEAN NOT NULL DEFAULT false,
    "filterCriteria" JSONB,
    "maxConcurrency" INTEGER,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "state" TEXT NOT NULL DEFAULT 'Creating',
    "stateTransitionReason" TEXT NOT NULL DEFAULT 'USER_INITIATED',
    "lastProcessingResult" TEXT NOT NULL DEFAULT 'No records processed',
    "lastError" TEXT,
    "lastProcessedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_source_mappings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "event_source_mappings_functionId_idx" ON "event_source_mappings"("functionId");

-- CreateIndex
CREATE INDEX "event_source_mappings_queueName_idx" ON "event_source_mappings"("queueName");

-- AddForeignKey
ALTER TABLE "event_source_mappings" ADD CONSTRAINT "event_source_mappings_functionId_fkey" FOREIGN KEY ("functionId") REFERENCES "functions"("id") ON DELETE CASCADE ON UPDATE CASCADE;


