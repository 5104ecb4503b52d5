dates-instant = { $local }, soit le { $utc }
dates-sitting = { $date }, { $from }–{ $to } { $zone }, soit { $from_utc }–{ $to_utc } UTC
dates-window = du { $start } au { $end }
