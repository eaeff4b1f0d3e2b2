-- CreateTable
CREATE TABLE "schedules" (
    "id" UUID NOT NULL,
    "functionId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "expression" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "description" TEXT NOT NULL DEFAULT '',
    "input" TEXT,
    "maximumEventAgeSeconds" INTEGER NOT NULL DEFAULT 3600,
    "startAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "schedules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "schedule_fires" (
    "scheduleId" UUID NOT NULL,
    "slot" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL,
    "requestId" UUID,
    "firedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lateMs" INTEGER,

    CONSTRAINT "schedule_fires_pkey" PRIMARY KEY ("scheduleId","slot")
);

-- CreateIndex
CREATE UNIQUE INDEX "schedules_functionId_name_key" ON "schedules"("functionId", "name");
