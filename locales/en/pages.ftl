# Pages seen by people outside the secretariat (coordinators, invitees).

page-skip = Skip to main content
# The language switcher on personal pages.
page-languages = Languages
# After a secretariat text shown in English for want of a translation.
page-fallback = (English)

## A personal link that opens nothing

personal-unknown-title = This link does not work
personal-unknown-why = This personal link is not known. It may have been copied incompletely from the email: open it again from the email, in full.
personal-withdrawn-title = This link has been withdrawn
personal-withdrawn-why = This personal link has been withdrawn by the secretariat, or replaced by a newer one. Use the link in the latest email you received.
personal-expired-title = This link has expired
personal-expired-why = This personal link has expired: the consultation it belonged to is over.
personal-contact = If you need a new link, please contact the secretariat by replying to the email you received.
personal-contact-address = If you need a new link, please contact the secretariat:
# A form of a personal page sent without its anti-forgery token (an old tab, cookies cleared).
personal-form-expired-title = This form has expired
personal-form-expired-why = Nothing was saved: this form has expired or did not come from this page. Open the page again from the link in your email, then send your answer again.

## The coordinator's availability form

form-title = { $group }: availability for { $title }
form-lead = Availability of the { $group }
form-not-saved = The answer was not saved.
form-purpose = Purpose
form-organiser = Organiser
form-dates = Possible dates
form-dates-value = { $start } to { $end }
form-sessions = Sessions
form-sessions-value = { $first } and { $second } ({ $zone })
form-deadline = Answer by
form-your-answer = Your group's answer
form-not-given = not given yet
form-saved-version = Version { $version }, saved { $at }
form-private = Only the secretariat sees this answer. This link is personal: please do not forward it.
form-read-only = The consultation is closed. This is your group's answer as last saved; it can no longer be changed.
form-days = Days
form-hint-day = For each day: ✓ available, ~ available if need be, ✗ unavailable. Times are in { $zone }.
form-hint-half-day = For each half-day: ✓ available, ~ available if need be, ✗ unavailable. Times are in { $zone }.
form-fill-all = Every day at once:
form-fill-week = One week:
form-week-of = Week of { $date }
form-duration = Duration
form-accepted = Durations your group can accept (at least one)
form-preferred = Preferred duration
form-no-preference = No preference
form-modality-comment = Modality and comment
form-modality = Preferred modality
form-comment = Comment for the secretariat (optional)
form-save = Save the answer
form-saved-notice = Thank you. Your group's answer was saved as version { $version }. You can change it until the deadline.
form-closed-notice = The consultation is closed: answers can no longer be changed. Nothing was saved.
form-filled = Filled in. Nothing is saved yet: check the days, then press “Save the answer”.
form-fill-unknown = That quick fill was not understood; nothing changed.
form-choice-yes = Available
form-choice-maybe = If need be
form-choice-no = Unavailable
form-short-yes = Yes
form-short-maybe = If need be
form-short-no = No
form-half-am = , morning
form-half-pm = , afternoon
form-in-person = In person
form-hybrid = Hybrid (in person and online)
form-virtual = Virtual (online only)
form-days-count = { $count ->
    [one] 1 day
   *[other] { $count } days
}
form-half-a-day = half a day
form-days-and-half = { $days }.5 days
form-error-units = { $count ->
    [one] One day is
   *[other] { $count } days are
} still without an answer (the first is { $first }). Choose available, if need be or unavailable for each, or use the quick fill.
form-error-half-units = { $count ->
    [one] One half-day is
   *[other] { $count } half-days are
} still without an answer (the first is { $first }). Choose available, if need be or unavailable for each, or use the quick fill.
form-error-accepted = Tick at least one duration your group can accept: with none, your group would count as unable for every slot.
form-error-preferred = The preferred duration must be one your group accepts.
form-error-modality = Choose one of the modalities offered.
form-error-comment = A comment has at most { $max } characters, and no control characters.

## The invitee's reply page

reply-page-title = Reply: { $title }
# Before the invited party's name, in bold.
reply-invitation-for = Invitation for
reply-saved-notice = Thank you: your reply is saved. Everyone invited for { $invitee } sees this reply and can change it until the meeting starts.
reply-started = The meeting has started, so replies can no longer be changed.
reply-cancelled = This meeting has been cancelled, so replies are closed.
reply-not-open = Replies to this invitation are not open.
reply-nothing-saved = Nothing was saved.
reply-not-saved = Your reply was not saved.
reply-correct-fields = Correct the fields marked below.
reply-purpose = Purpose
reply-organiser = Organiser
reply-invited = Invited
reply-starts = Starts
reply-ends = Ends
reply-modality = Modality
reply-modalities = Modalities offered
reply-venue = Venue
reply-remote-link = Join online
reply-personal-link = This link is personal to { $recipient }: please do not forward it. Everyone invited for { $invitee } gives one reply together; the last one saved counts.
reply-heading = The reply of { $invitee }
reply-attendance = Attendance
reply-delegation = Delegation
reply-nobody-named = nobody named
reply-note = Note
reply-last-saved = Last saved
# After “Last saved”: who saved the reply, and when (a date and time in the meeting's zone).
reply-saved-by = by { $by }, { $at }
reply-no-reply = No reply has been given yet.
reply-will-attend = Will { $invitee } attend?
reply-in-person = Attending in person
reply-remote = Attending remotely
reply-not-attending = Not attending
reply-delegation-hint = The people attending for { $invitee }, with their function. Empty rows are left out; no delegation is kept when not attending. For more people, save: three more empty rows appear.
reply-name = Name
reply-function = Function
# Read by screen readers after “Name” or “Function”: which row of the delegation.
reply-of-delegate = of delegate { $number }
reply-note-label = Note for the secretariat (optional)
reply-save = Save the reply
# Validation messages, shown at the field they are about.
reply-error-no-response = Choose whether you will attend.
reply-error-online-only = This meeting takes place online only.
reply-error-no-remote = This meeting cannot be followed remotely.
reply-error-nameless-delegate = Give the name of the delegate whose function is “{ $function }”.
reply-error-delegate-too-long = Names and functions are at most { $max } characters.
reply-error-too-many-delegates = A delegation has at most { $max } members.
reply-error-note-too-long = The note is at most { $max } characters.
reply-error-delegate-characters = Write each name and function on one line, without control characters.
reply-error-note-characters = Remove the control characters (such as NUL) from the note.
