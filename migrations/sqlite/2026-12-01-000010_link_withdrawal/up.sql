-- Personal reply links can be withdrawn: one link (re-issued: a new one is
-- mailed) or every link of a recipient (withdrawn: no more mail, e.g. when
-- the contact is removed from the directory). A withdrawn link answers 410.
ALTER TABLE invitation_links ADD COLUMN revoked_at TIMESTAMP;
ALTER TABLE invitation_recipients ADD COLUMN withdrawn_at TIMESTAMP;
