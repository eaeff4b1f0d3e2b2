-- Retention and the capacity guard delete connection records by age alone.
CREATE INDEX "invocation_connections_ts_idx" ON "invocation_connections"("ts");
