-- CreateTable
CREATE TABLE "concurrency_leases" (
    "pool" TEXT NOT NULL,
    "serverId" UUID NOT NULL,
    "slots" INTEGER NOT NULL,
    "wanted" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "concurrency_leases_pkey" PRIMARY KEY ("pool","serverId")
);


