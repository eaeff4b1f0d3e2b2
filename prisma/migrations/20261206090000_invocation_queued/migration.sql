-- AlterTable
ALTER TABLE "invocations" ADD COLUMN     "queuedMs" INTEGER;


