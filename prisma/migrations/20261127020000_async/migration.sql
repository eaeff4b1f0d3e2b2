-- CreateTable
CREATE TABLE "event_invoke_configs" (
    "functionId" UUID NOT NULL,
    "maximumRetryAttempts" INTEGER NOT NULL DEFAULT 2,
    "maximumEventAgeSeconds" INTEGER NOT NULL DEFAULT 21600,
    "onSuccessDestination" TEXT,
    "onFailureDestination" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_invoke_configs_pkey" PRIMARY KEY ("functionId")
);

-- CreateTable
CREATE TABLE "dead_letters" (
    "id" UUID NOT NULL,
    "functionId" UUID NOT NULL,
    "functionName" TEXT NOT NULL,
    "requestId" UUID NOT NULL,
    "payload" TEXT NOT NULL,
    "condition" TEXT NOT NULL,
    "errorType" TEXT,
    "errorMessage" TEXT,
    "attempts" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "redrivenAt" TIMESTAMPTZ(3),

    CONSTRAINT "dead_letters_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "dead_letters_functionId_createdAt_idx" ON "dead_letters"("functionId", "createdAt" DESC);
