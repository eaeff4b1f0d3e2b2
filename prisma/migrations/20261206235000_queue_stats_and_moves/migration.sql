-- CreateTable
CREATE TABLE "queue_stats" (
    "queueId" UUID NOT NULL,
    "minute" TIMESTAMPTZ(3) NOT NULL,
    "sent" INTEGER NOT NULL DEFAULT 0,
    "received" INTEGER NOT NULL DEFAULT 0,
    "deleted" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "queue_stats_pkey" PRIMARY KEY ("queueId","minute")
);

-- CreateTable
CREATE TABLE "queue_move_tasks" (
    "id" UUID NOT NULL,
    "sourceQueue" TEXT NOT NULL,
    "destinationQueue" TEXT,
    "status" TEXT NOT NULL,
    "moved" INTEGER NOT NULL DEFAULT 0,
    "toMove" INTEGER NOT NULL DEFAULT 0,
    "failureReason" TEXT,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "queue_move_tasks_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "queue_stats_minute_idx" ON "queue_stats"("minute");

-- CreateIndex
CREATE INDEX "queue_move_tasks_sourceQueue_startedAt_idx" ON "queue_move_tasks"("sourceQueue", "startedAt");


