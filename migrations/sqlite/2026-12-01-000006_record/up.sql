-- A closed consultation is a fixed record: at closing, each consulted group's
-- weight and the version of its answer that counts are kept with the meeting,
-- so that a later change in the directory does not re-rank a closed meeting.
-- `frozen_weight` is set for every group at closing (NULL: not closed yet);
-- `frozen_version` is NULL for a group that had not answered by then.
ALTER TABLE meeting_groups ADD COLUMN frozen_weight INTEGER;
ALTER TABLE meeting_groups ADD COLUMN frozen_version INTEGER;
-- Meetings closed before this change are fixed as they stand now.
UPDATE meeting_groups SET
    frozen_weight = (SELECT g.weight FROM regional_groups g WHERE g.id = meeting_groups.group_id),
    frozen_version = (
        SELECT MAX(a.version) FROM answers a
        WHERE a.meeting_id = meeting_groups.meeting_id AND a.group_id = meeting_groups.group_id
    )
WHERE meeting_id IN (SELECT m.id FROM meetings m WHERE m.closed_at IS NOT NULL);
