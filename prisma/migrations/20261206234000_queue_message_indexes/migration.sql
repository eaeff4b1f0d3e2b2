-- DropIndex
DROP INDEX "queue_messages_messageId_key";

-- DropIndex
DROP INDEX "queue_messages_queueId_groupId_seq_idx";


