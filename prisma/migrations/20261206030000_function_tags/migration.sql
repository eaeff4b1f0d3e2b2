-- Tags (Lambda's TagResource/ListTags): a function's key → value pairs.
ALTER TABLE "functions" ADD COLUMN "tags" JSONB NOT NULL DEFAULT '{}';
