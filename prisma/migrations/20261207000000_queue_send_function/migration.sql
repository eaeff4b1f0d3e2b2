-- Enqueue from inside an application's own transaction (docs/queues.md, "Sending in your transaction"):
-- the message exists exactly when the transaction commits, and the queue's waiters are woken then.
-- Standard queues only (FIFO ordering and de-duplication stay with the API).
CREATE OR REPLACE FUNCTION nimbus_send_message(queue_name text, message_body text, delay_seconds integer DEFAULT NULL)
RETURNS uuid
LANGUAGE plpgsql
AS $$
DECLARE
  q queues%ROWTYPE;
  id uuid := gen_random_uuid();
BEGIN
  SELECT * INTO q FROM queues WHERE name = queue_name;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'The specified queue does not exist: %', queue_name USING ERRCODE = 'no_data_found';
  END IF;
  IF q.fifo THEN
    RAISE EXCEPTION 'nimbus_send_message sends to standard queues only; use SendMessage for FIFO queue %', queue_name
      USING ERRCODE = 'feature_not_supported';
  END IF;
  IF message_body IS NULL OR message_body = '' THEN
    RAISE EXCEPTION 'The message body must not be empty' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF octet_length(message_body) > q."maxMessageBytes" THEN
    RAISE EXCEPTION 'Message must be shorter than % bytes', q."maxMessageBytes" USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF delay_seconds IS NOT NULL AND (delay_seconds < 0 OR delay_seconds > 900) THEN
    RAISE EXCEPTION 'delay_seconds must be between 0 and 900' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  INSERT INTO queue_messages ("queueId", "messageId", body, "md5OfBody", "visibleAt")
  VALUES (q.id, id, message_body, md5(message_body), now() + make_interval(secs => coalesce(delay_seconds, q."delaySec")));
  PERFORM pg_notify('nimbus_queue_messages', q.id::text);
  RETURN id;
END;
$$;
