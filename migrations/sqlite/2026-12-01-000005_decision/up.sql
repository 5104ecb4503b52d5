-- The secretariat's decision at approval: the one modality (of those
-- offered), the venue (in person and hybrid), the remote-participation link
-- (hybrid and virtual), and the session times when they differ from the
-- draft's (JSON, as the draft's `sessions`). The venue moves here from the
-- invitation settings: it is decided with the slot, not with the list.
ALTER TABLE meetings ADD COLUMN approved_modality TEXT;
ALTER TABLE meetings ADD COLUMN approved_venue TEXT NOT NULL DEFAULT '';
ALTER TABLE meetings ADD COLUMN approved_link TEXT NOT NULL DEFAULT '';
ALTER TABLE meetings ADD COLUMN approved_sessions TEXT;
UPDATE meetings SET approved_venue = (
    SELECT s.venue FROM invitation_settings s WHERE s.meeting_id = meetings.id
) WHERE EXISTS (SELECT 1 FROM invitation_settings s WHERE s.meeting_id = meetings.id);
ALTER TABLE invitation_settings DROP COLUMN venue;
