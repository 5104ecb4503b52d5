ALTER TABLE meeting_groups DROP COLUMN frozen_version;
ALTER TABLE meeting_groups DROP COLUMN frozen_weight;
