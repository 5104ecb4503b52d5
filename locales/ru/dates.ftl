dates-instant = { $local }, то есть { $utc }
dates-sitting = { $date }, { $from }–{ $to } { $zone }, то есть { $from_utc }–{ $to_utc } UTC
dates-window = { $start } — { $end }
