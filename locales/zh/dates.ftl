dates-instant = { $local }，即 { $utc }
dates-sitting = { $date } { $from }–{ $to } { $zone }，即 { $from_utc }–{ $to_utc } UTC
dates-window = { $start }至{ $end }
