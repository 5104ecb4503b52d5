ALTER TABLE invitation_recipients DROP COLUMN withdrawn_at;
ALTER TABLE invitation_links DROP COLUMN revoked_at;
