ALTER TABLE invitation_settings ADD COLUMN venue TEXT NOT NULL DEFAULT '';
UPDATE invitation_settings SET venue = (
    SELECT m.approved_venue FROM meetings m WHERE m.id = invitation_settings.meeting_id
);
ALTER TABLE meetings DROP COLUMN approved_sessions;
ALTER TABLE meetings DROP COLUMN approved_link;
ALTER TABLE meetings DROP COLUMN approved_venue;
ALTER TABLE meetings DROP COLUMN approved_modality;
