-- Lambda's EphemeralStorage: the size of the function's /tmp (512–10240 MB).
ALTER TABLE "functions" ADD COLUMN "ephemeralStorageMb" INTEGER NOT NULL DEFAULT 512;
