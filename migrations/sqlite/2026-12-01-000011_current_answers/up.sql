-- Each group's current answer, kept beside the versions: a save inserts its
-- version and moves this pointer in the same transaction, so reading the
-- answer that counts is one keyed lookup however many versions a group has
-- saved (the versions stay, for the record and the versions page).
CREATE TABLE current_answers (
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    group_id BIGINT NOT NULL REFERENCES regional_groups (id),
    version INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, group_id),
    FOREIGN KEY (meeting_id, group_id, version)
        REFERENCES answers (meeting_id, group_id, version) ON DELETE CASCADE
);

INSERT INTO current_answers (meeting_id, group_id, version)
SELECT meeting_id, group_id, MAX(version)
FROM answers
GROUP BY meeting_id, group_id;
