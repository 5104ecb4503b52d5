-- The secretariat's own texts in the other five UN languages (ar, es, fr,
-- ru, zh); the row in regional_groups or meetings stays the default text
-- (English). One row per translated language: a language without a row, or
-- with an empty text, reads the default text, marked as such.
CREATE TABLE group_names (
    group_id BIGINT NOT NULL REFERENCES regional_groups (id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (group_id, language)
);

-- Title and purpose are translated apart: either may be empty in a row.
CREATE TABLE meeting_texts (
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    purpose TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (meeting_id, language)
);
