-- Function URLs, resource-based policies, outbound network settings and the connections functions open.
ALTER TABLE "functions" ADD COLUMN "egressMode" TEXT NOT NULL DEFAULT 'internet';
ALTER TABLE "functions" ADD COLUMN "egressAllow" TEXT[] DEFAULT ARRAY[]::TEXT[];

ALTER TABLE "invocations" ADD COLUMN "httpMethod" TEXT;
ALTER TABLE "invocations" ADD COLUMN "httpPath" TEXT;
ALTER TABLE "invocations" ADD COLUMN "httpStatus" INTEGER;

CREATE TABLE "function_urls" (
    "functionId" UUID NOT NULL,
    "qualifier" TEXT NOT NULL DEFAULT '$LATEST',
    "urlId" TEXT NOT NULL,
    "authType" TEXT NOT NULL,
    "cors" JSONB,
    "invokeMode" TEXT NOT NULL DEFAULT 'BUFFERED',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "function_urls_pkey" PRIMARY KEY ("functionId","qualifier")
);
CREATE UNIQUE INDEX "function_urls_urlId_key" ON "function_urls"("urlId");

CREATE TABLE "function_permissions" (
    "functionId" UUID NOT NULL,
    "sid" TEXT NOT NULL,
    "qualifier" TEXT NOT NULL DEFAULT '$LATEST',
    "statement" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "function_permissions_pkey" PRIMARY KEY ("functionId","sid")
);

CREATE TABLE "invocation_connections" (
    "id" BIGSERIAL NOT NULL,
    "requestId" UUID NOT NULL,
    "functionId" UUID NOT NULL,
    "ts" TIMESTAMPTZ(3) NOT NULL,
    "host" TEXT NOT NULL,
    "address" TEXT,
    "port" INTEGER NOT NULL,
    "protocol" TEXT NOT NULL DEFAULT 'tcp',
    "bytesOut" BIGINT NOT NULL DEFAULT 0,
    "bytesIn" BIGINT NOT NULL DEFAULT 0,
    "durationMs" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "allowed" BOOLEAN NOT NULL,
    "reason" TEXT,

    CONSTRAINT "invocation_connections_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "invocation_connections_requestId_idx" ON "invocation_connections"("requestId");
CREATE INDEX "invocation_connections_functionId_ts_idx" ON "invocation_connections"("functionId", "ts");
