DROP TABLE meeting_texts;
DROP TABLE group_names;
