-- DropIndex
DROP INDEX "schedules_functionId_name_key";

-- AlterTable
ALTER TABLE "schedules" ADD COLUMN     "actionAfterCompletion" TEXT NOT NULL DEFAULT 'NONE',
ADD COLUMN     "clientToken" TEXT,
ADD COLUMN     "deadLetterArn" TEXT,
ADD COLUMN     "endDate" TIMESTAMPTZ(3),
ADD COLUMN     "flexibleWindowMinutes" INTEGER,
ADD COLUMN     "groupName" TEXT NOT NULL DEFAULT 'default',
ADD COLUMN     "kmsKeyArn" TEXT,
ADD COLUMN     "maximumRetryAttempts" INTEGER NOT NULL DEFAULT 185,
ADD COLUMN     "qualifier" TEXT,
ADD COLUMN     "roleArn" TEXT,
ADD COLUMN     "startDate" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "schedule_fires" ADD COLUMN     "attempts" INTEGER,
ADD COLUMN     "error" TEXT;

-- CreateIndex
CREATE INDEX "schedules_functionId_idx" ON "schedules"("functionId");

-- Names become unique per group, as in EventBridge Scheduler. Schedules made before could share a
-- name across functions: all but the oldest of each name get "-" and 8 characters of their id
-- appended (within the 64-character limit), so the unique index below can be built.
UPDATE "schedules" s SET "name" = left(s."name", 55) || '-' || left(s."id"::text, 8)
FROM (
  SELECT "id", row_number() OVER (PARTITION BY "name" ORDER BY "createdAt", "id") AS n FROM "schedules"
) d
WHERE d."id" = s."id" AND d.n > 1;

-- CreateIndex
CREATE UNIQUE INDEX "schedules_groupName_name_key" ON "schedules"("groupName", "name");


