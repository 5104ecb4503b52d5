-- Proposals and approval: whether a slot may run across non-working or
-- excluded days, and the approved slot (its units, and its start and end as
-- UTC instants computed from the session times in the meeting's zone).
ALTER TABLE meetings ADD COLUMN allow_spanning BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE meetings ADD COLUMN approved_units TEXT;
ALTER TABLE meetings ADD COLUMN approved_start TIMESTAMP;
ALTER TABLE meetings ADD COLUMN approved_end TIMESTAMP;
ALTER TABLE meetings ADD COLUMN approved_by BIGINT REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE meetings ADD COLUMN approved_at TIMESTAMP;
