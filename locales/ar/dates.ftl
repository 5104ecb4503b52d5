dates-instant = { $local }، أي { $utc }
dates-sitting = { $date }، { $from }–{ $to } { $zone }، أي { $from_utc }–{ $to_utc } UTC
dates-window = من { $start } إلى { $end }
