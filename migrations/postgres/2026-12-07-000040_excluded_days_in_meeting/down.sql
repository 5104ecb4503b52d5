CREATE TABLE meeting_excluded_dates (
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    day DATE NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (meeting_id, day)
);
INSERT INTO meeting_excluded_dates (meeting_id, day, label)
SELECT m.id, e.key::date, e.value
FROM meetings m, json_each_text(m.excluded_days::json) e;
ALTER TABLE meetings DROP COLUMN excluded_days;
