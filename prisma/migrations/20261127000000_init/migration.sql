-- Trigram index support for log text search (a trusted extension: no superuser needed).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateTable
CREATE TABLE "functions" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "runtime" TEXT NOT NULL,
    "handler" TEXT NOT NULL DEFAULT 'index.handler',
    "memoryMb" INTEGER NOT NULL DEFAULT 128,
    "timeoutSec" INTEGER NOT NULL DEFAULT 3,
    "environment" JSONB NOT NULL DEFAULT '{}',
    "reservedConcurrency" INTEGER,
    "codeSha256" TEXT NOT NULL,
    "codeSize" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "state" TEXT NOT NULL DEFAULT 'Active',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "functions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "code_packages" (
    "sha256" TEXT NOT NULL,
    "zip" BYTEA NOT NULL,
    "size" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "code_packages_pkey" PRIMARY KEY ("sha256")
);

-- CreateTable
CREATE TABLE "invocations" (
    "requestId" UUID NOT NULL,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "functionId" UUID NOT NULL,
    "functionName" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "durationMs" DOUBLE PRECISION NOT NULL,
    "billedDurationMs" INTEGER NOT NULL,
    "initDurationMs" DOUBLE PRECISION,
    "memorySizeMb" INTEGER NOT NULL,
    "maxMemoryUsedMb" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "errorType" TEXT,
    "errorMessage" TEXT,
    "requestBytes" INTEGER NOT NULL,
    "responseBytes" INTEGER NOT NULL,
    "logBytes" INTEGER NOT NULL DEFAULT 0,
    "logTruncated" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "invocations_pkey" PRIMARY KEY ("requestId","attempt")
);

-- CreateTable
CREATE TABLE "log_lines" (
    "id" BIGSERIAL NOT NULL,
    "requestId" UUID NOT NULL,
    "functionId" UUID NOT NULL,
    "ts" TIMESTAMPTZ(3) NOT NULL,
    "level" TEXT NOT NULL,
    "message" TEXT NOT NULL,

    CONSTRAINT "log_lines_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "functions_name_key" ON "functions"("name");

-- CreateIndex
CREATE INDEX "invocations_functionId_startedAt_idx" ON "invocations"("functionId", "startedAt" DESC);

-- CreateIndex
CREATE INDEX "invocations_startedAt_idx" ON "invocations"("startedAt");

-- CreateIndex
CREATE INDEX "log_lines_requestId_id_idx" ON "log_lines"("requestId", "id");

-- CreateIndex
CREATE INDEX "log_lines_functionId_ts_idx" ON "log_lines"("functionId", "ts");

-- CreateIndex
CREATE INDEX "log_lines_message_trgm_idx" ON "log_lines" USING GIN ("message" gin_trgm_ops);
