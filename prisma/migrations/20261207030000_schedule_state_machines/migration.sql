-- AlterTable
ALTER TABLE "schedules" ADD COLUMN     "stateMachineId" UUID,
ALTER COLUMN "functionId" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "schedules_stateMachineId_idx" ON "schedules"("stateMachineId");

-- AddForeignKey
ALTER TABLE "schedules" ADD CONSTRAINT "schedules_stateMachineId_fkey" FOREIGN KEY ("stateMachineId") REFERENCES "state_machines"("id") ON DELETE CASCADE ON UPDATE CASCADE;



-- A schedule targets exactly one thing: a function or a state machine.
ALTER TABLE "schedules" ADD CONSTRAINT "schedules_one_target" CHECK (("functionId" IS NULL) <> ("stateMachineId" IS NULL));
