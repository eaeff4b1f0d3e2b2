-- AlterTable
ALTER TABLE "function_versions" ADD COLUMN     "createdBy" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "function_aliases" (
    "functionId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "functionVersion" TEXT NOT NULL,
    "additionalVersion" TEXT,
    "additionalWeight" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "function_aliases_pkey" PRIMARY KEY ("functionId","name")
);

-- CreateTable
CREATE TABLE "rollouts" (
    "id" UUID NOT NULL,
    "functionId" UUID NOT NULL,
    "alias" TEXT NOT NULL,
    "fromVersion" TEXT NOT NULL,
    "toVersion" TEXT NOT NULL,
    "strategy" TEXT NOT NULL,
    "stepPercent" INTEGER NOT NULL,
    "intervalSeconds" INTEGER NOT NULL,
    "maxErrorRateIncrease" DOUBLE PRECISION NOT NULL,
    "maxP99Ratio" DOUBLE PRECISION NOT NULL,
    "minInvocations" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "weight" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "decisions" JSONB NOT NULL DEFAULT '[]',
    "reason" TEXT NOT NULL DEFAULT '',
    "startedBy" TEXT NOT NULL DEFAULT '',
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "nextStepAt" TIMESTAMPTZ(3) NOT NULL,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "rollouts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "rollouts_state_nextStepAt_idx" ON "rollouts"("state", "nextStepAt");

-- CreateIndex
CREATE INDEX "rollouts_functionId_startedAt_idx" ON "rollouts"("functionId", "startedAt");

-- AddForeignKey
ALTER TABLE "function_aliases" ADD CONSTRAINT "function_aliases_functionId_fkey" FOREIGN KEY ("functionId") REFERENCES "functions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rollouts" ADD CONSTRAINT "rollouts_functionId_fkey" FOREIGN KEY ("functionId") REFERENCES "functions"("id") ON DELETE CASCADE ON UPDATE CASCADE;


