-- AlterTable
ALTER TABLE "functions" ADD COLUMN     "deadLetterTargetArn" TEXT;

-- AlterTable
ALTER TABLE "function_versions" ADD COLUMN     "deadLetterTargetArn" TEXT;


