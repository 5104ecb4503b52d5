ALTER TABLE meetings DROP COLUMN approved_at;
ALTER TABLE meetings DROP COLUMN approved_by;
ALTER TABLE meetings DROP COLUMN approved_end;
ALTER TABLE meetings DROP COLUMN approved_start;
ALTER TABLE meetings DROP COLUMN approved_units;
ALTER TABLE meetings DROP COLUMN allow_spanning;
