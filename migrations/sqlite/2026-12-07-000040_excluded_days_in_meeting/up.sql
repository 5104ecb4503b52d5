-- A meeting's excluded days move into its row, as JSON (`{"2027-04-02":
-- "Good Friday"}`) like its durations, working days and sessions: every page
-- that reads a meeting then reads them with it, without a query of their
-- own (a coordinator's form view on PostgreSQL is one round trip fewer).
ALTER TABLE meetings ADD COLUMN excluded_days TEXT NOT NULL DEFAULT '{}';
UPDATE meetings SET excluded_days = (
    SELECT json_group_object(day, label)
    FROM (SELECT day, label FROM meeting_excluded_dates d
          WHERE d.meeting_id = meetings.id ORDER BY day)
)
WHERE id IN (SELECT meeting_id FROM meeting_excluded_dates);
DROP TABLE meeting_excluded_dates;
