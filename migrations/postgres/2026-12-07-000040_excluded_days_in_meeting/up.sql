-- A meeting's excluded days move into its row, as JSON (`{"2027-04-02":
-- "Good Friday"}`) like its durations, working days and sessions: every page
-- that reads a meeting then reads them with it, without a query of their
-- own (a coordinator's form view on PostgreSQL is one round trip fewer).
ALTER TABLE meetings ADD COLUMN excluded_days TEXT NOT NULL DEFAULT '{}';
UPDATE meetings m SET excluded_days = d.days
FROM (
    SELECT meeting_id, json_object_agg(day, label ORDER BY day)::text AS days
    FROM meeting_excluded_dates GROUP BY meeting_id
) d
WHERE d.meeting_id = m.id;
DROP TABLE meeting_excluded_dates;
