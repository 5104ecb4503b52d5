//! iCalendar (RFC 5545) for invitations: one VEVENT per message, as an iTIP
//! request or cancellation (RFC 5546). Written by hand: the format is small,
//! and escaping and line folding are the parts that matter.
