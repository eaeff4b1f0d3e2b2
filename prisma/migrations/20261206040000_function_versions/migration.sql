-- Published versions (PublishVersion): immutable snapshots of code and configuration.
-- AlterTable
ALTER TABLE "functions" ADD COLUMN     "lastVersion" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "function_versions" (
    "functionId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "runtime" TEXT NOT NULL,
    "handler" TEXT NOT NULL,
    "memoryMb" INTEGER NOT NULL,
    "timeoutSec" INTEGER NOT NULL,
    "ephemeralStorageMb" INTEGER NOT NULL,
    "egressMode" TEXT NOT NULL,
    "egressAllow" TEXT[],
    "environment" JSONB NOT NULL,
    "secretNames" TEXT[],
    "sealedSecrets" BYTEA,
    "codeSha256" TEXT NOT NULL,
    "codeSize" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "function_versions_pkey" PRIMARY KEY ("functionId","version")
);

-- CreateIndex
CREATE INDEX "function_versions_codeSha256_idx" ON "function_versions"("codeSha256");

-- AddForeignKey
ALTER TABLE "function_versions" ADD CONSTRAINT "function_versions_functionId_fkey" FOREIGN KEY ("functionId") REFERENCES "functions"("id") ON DELETE CASCADE ON UPDATE CASCADE;


