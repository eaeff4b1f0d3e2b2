-- AlterTable
ALTER TABLE "event_source_mappings" ADD COLUMN     "stateMachineId" UUID,
ALTER COLUMN "functionId" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "event_source_mappings_stateMachineId_idx" ON "event_source_mappings"("stateMachineId");

-- AddForeignKey
ALTER TABLE "event_source_mappings" ADD CONSTRAINT "event_source_mappings_stateMachineId_fkey" FOREIGN KEY ("stateMachineId") REFERENCES "state_machines"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- A mapping feeds exactly one target: a function or a state machine.
ALTER TABLE "event_source_mappings" ADD CONSTRAINT "event_source_mappings_one_target" CHECK (("functionId" IS NULL) <> ("stateMachineId" IS NULL));
