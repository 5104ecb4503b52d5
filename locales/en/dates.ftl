# How dates and times are joined into phrases. The dates and times themselves
# come from CLDR (ICU4X); only the connecting words are here.

# An instant in the meeting's zone, then the same instant in UTC.
dates-instant = { $local }, that is { $utc }
# One meeting day: its date, its hours in the zone, then the hours in UTC.
dates-sitting = { $date }, { $from }–{ $to } { $zone }, that is { $from_utc }–{ $to_utc } UTC
# A period of whole days.
dates-window = from { $start } to { $end }
