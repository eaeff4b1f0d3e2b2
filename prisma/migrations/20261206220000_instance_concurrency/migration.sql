-- AlterTable
ALTER TABLE "functions" ADD COLUMN     "instanceConcurrency" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "function_versions" ADD COLUMN     "instanceConcurrency" INTEGER NOT NULL DEFAULT 1;


