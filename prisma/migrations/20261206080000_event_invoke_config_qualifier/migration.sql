-- AlterTable
ALTER TABLE "event_invoke_configs" DROP CONSTRAINT "event_invoke_configs_pkey",
ADD COLUMN     "qualifier" TEXT NOT NULL DEFAULT '$LATEST',
ADD CONSTRAINT "event_invoke_configs_pkey" PRIMARY KEY ("functionId", "qualifier");


