-- A message's seq was UNIQUE, which gave it an index of its own. Every query on messages by seq
-- is per channel (history pages, the newest message, unread counts) and should use
-- messages_channel_seq_idx; with a seq-only index the planner may instead walk all messages by
-- seq and filter by channel, which for a small channel among big ones reads the whole table
-- (measured: 12 s for one ready frame at 300,000 messages). Uniqueness still holds: a message's
-- seq is the number of the change that created it, inserted into changes (seq PRIMARY KEY) in
-- the same transaction. One index fewer also makes every insert cheaper.
ALTER TABLE messages DROP CONSTRAINT messages_seq_key;
