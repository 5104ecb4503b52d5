dates-instant = { $local }, es decir, el { $utc }
dates-sitting = { $date }, { $from }–{ $to } { $zone }, es decir, { $from_utc }–{ $to_utc } UTC
dates-window = del { $start } al { $end }
