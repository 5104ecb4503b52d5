DO $$
BEGIN
    ALTER TABLE answers ALTER COLUMN units SET COMPRESSION DEFAULT;
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'answers.units compression left as it is: %', SQLERRM;
END
$$;
