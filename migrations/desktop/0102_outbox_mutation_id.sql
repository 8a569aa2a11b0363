-- mutation_id is drawn by gen_random_uuid() and only travels with the mutation; the platform
-- deduplicates by (client_id, seq). Its UNIQUE index cost every captured change a random insert
-- into a B-tree as large as the queue (for a student who never signed in, their whole history):
-- about a tenth of sessions.end on the heavy dataset.
ALTER TABLE sync_outbox DROP CONSTRAINT sync_outbox_mutation_id_key;
