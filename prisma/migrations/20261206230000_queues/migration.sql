-- CreateTable
CREATE TABLE "queues" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "fifo" BOOLEAN NOT NULL DEFAULT false,
    "visibilityTimeoutSec" INTEGER NOT NULL DEFAULT 30,
    "retentionSec" INTEGER NOT NULL DEFAULT 345600,
    "delaySec" INTEGER NOT NULL DEFAULT 0,
    "receiveWaitSec" INTEGER NOT NULL DEFAULT 0,
    "maxMessageBytes" INTEGER NOT NULL DEFAULT 1048576,
    "contentBasedDedup" BOOLEAN NOT NULL DEFAULT false,
    "deadLetterQueue" TEXT,
    "maxReceiveCount" INTEGER,
    "redriveAllowPolicy" TEXT,
    "tags" JSONB NOT NULL DEFAULT '{}',
    "purgedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "queues_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "queue_messages" (
    "seq" BIGSERIAL NOT NULL,
    "queueId" UUID NOT NULL,
    "messageId" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "attributes" JSONB,
    "md5OfBody" TEXT NOT NULL,
    "md5OfAttributes" TEXT,
    "sentAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "visibleAt" TIMESTAMPTZ(3) NOT NULL,
    "receiveCount" INTEGER NOT NULL DEFAULT 0,
    "firstReceivedAt" TIMESTAMPTZ(3),
    "receipt" UUID,
    "groupId" TEXT,
    "dedupId" TEXT,
    "sourceQueue" TEXT,

    CONSTRAINT "queue_messages_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "queue_dedup" (
    "queueId" UUID NOT NULL,
    "dedupId" TEXT NOT NULL,
    "messageId" UUID NOT NULL,
    "seq" BIGINT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "queue_dedup_pkey" PRIMARY KEY ("queueId","dedupId")
);

-- CreateIndex
CREATE UNIQUE INDEX "queues_name_key" ON "queues"("name");

-- CreateIndex
CREATE UNIQUE INDEX "queue_messages_messageId_key" ON "queue_messages"("messageId");

-- CreateIndex
CREATE INDEX "queue_messages_queueId_visibleAt_idx" ON "queue_messages"("queueId", "visibleAt");

-- CreateIndex
CREATE INDEX "queue_messages_queueId_groupId_seq_idx" ON "queue_messages"("queueId", "groupId", "seq");

-- CreateIndex
CREATE INDEX "queue_dedup_expiresAt_idx" ON "queue_dedup"("expiresAt");

-- AddForeignKey
ALTER TABLE "queue_messages" ADD CONSTRAINT "queue_messages_queueId_fkey" FOREIGN KEY ("queueId") REFERENCES "queues"("id") ON DELETE CASCADE ON UPDATE CASCADE;


