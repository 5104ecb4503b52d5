DROP TABLE current_answers;
