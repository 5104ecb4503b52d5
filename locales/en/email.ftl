# Every email convene sends to coordinators and invitees. Links are never a
# value in these messages: the templates write them, so that no invisible
# character can enter a URL.

## Shared by every email

email-greeting-named = Dear { $name },
email-greeting-coordinator = Dear Coordinator,
email-greeting-formal = Dear Sir or Madam,
email-signature-thanks = With thanks and best regards,
email-signature = With best regards,
# Who signs when the meeting names no organiser.
email-secretariat = The Secretariat
email-personal-link = This link is personal: please do not forward it.
email-personal-link-group = Anyone who has it can answer on behalf of your group.
email-personal-link-self = Anyone who has it can reply on your behalf.
# What stands between a label and its value on one line of a plain-text email.
email-field-separator = { ": " }

## Labels of the details

email-label-meeting = Meeting
email-label-purpose = Purpose
email-label-organiser = Organiser
email-label-group = Regional group
email-label-period = Period under consideration
email-label-deadline = Deadline for replies
email-label-start = Start
email-label-end = End
# Chosen by the exact number of dates listed, not by plural category.
email-label-dates = { $count ->
    [1] Date
   *[other] Dates
}
email-label-duration = Duration
email-days-count = { $count ->
    [one] { $count } day
   *[other] { $count } days
}
email-label-modality = Modality
email-label-modalities = Modalities offered
email-label-venue = Venue
email-label-join = Join online
email-label-meeting-days = Meeting days
email-no-other-days = No sitting on other days.
# The plain-text heading of the list of meeting days.
email-meeting-days-heading = Meeting days (no sitting on other days):

## Modalities, as the emails and the reply page name them

modality-in-person = In person
modality-hybrid = Hybrid (in person and online)
modality-virtual = Virtual (online only)

## coordinator_link

coordinator-link-subject = Consultation on the timing of { $title } — { $group }
coordinator-link-intro = An ad hoc informal meeting is being prepared, and we would like to consult your group, { $group }, through you as its coordinator, on the timing, duration and other modalities of the meeting.
coordinator-link-ask = Please indicate your group's availability in the form at your personal link:
coordinator-form-button = Open your group's availability form
coordinator-link-revise = You can save the form and come back to it later; your group's answer can be revised until the deadline above.

## coordinator_reminder

coordinator-reminder-subject = Reminder: consultation on the timing of { $title } — { $group }
coordinator-reminder-intro = We have not yet received the availability of your group, { $group }, for the ad hoc informal meeting described below. We would be grateful for your reply before the deadline.
coordinator-reminder-ask = The form is at your personal link:
coordinator-reminder-disregard = If you have replied in the last few hours, please disregard this reminder.

## consultation_outcome

outcome-subject = Outcome of the consultation on the timing of { $title } — { $group }
outcome-closed = The consultation on the timing of the ad hoc informal meeting described below is now closed. Thank you for the answer you gave on behalf of your group, { $group }.
outcome-approved = Having considered the groups' answers, the Secretariat has approved the following dates:
outcome-invitations-follow = Formal invitations to all Member States and organisations will follow.

## invitation

invitation-subject = Invitation: { $title }
invitation-intro = We have the honour to invite you to take part in the meeting described below.
invitation-intro-on-behalf = We have the honour to invite you to take part, on behalf of { $invitee }, in the meeting described below.
invitation-ask = Please reply at your personal link to let us know whether you will attend:
invitation-reply-button = Reply to the invitation
invitation-link-only = Replies are recorded only through this link: accepting or declining in your calendar does not reach us.
invitation-calendar = The attached calendar file (invite.ics) adds the meeting to your calendar.

## invitation_update

update-subject = Updated invitation: { $title }
update-intro = The arrangements for the meeting to which you were invited have changed. This message replaces the earlier invitation; the details below are those that now apply.
update-intro-on-behalf = The arrangements for the meeting to which you were invited on behalf of { $invitee } have changed. This message replaces the earlier invitation; the details below are those that now apply.
update-label-change = What has changed
update-ask = If you have already replied, please check at your personal link that your reply still stands; if you have not, please reply there:
update-calendar = The attached calendar file (invite.ics) updates the meeting in your calendar.

## invitation_cancel

cancel-subject = Cancelled: { $title }
cancel-intro = We regret to inform you that the meeting described below, to which you were invited, has been cancelled and will not take place.
cancel-intro-on-behalf = We regret to inform you that the meeting described below, to which you were invited on behalf of { $invitee }, has been cancelled and will not take place.
cancel-label-reason = Reason
cancel-calendar = The attached calendar file (invite.ics) removes the meeting from your calendar.
cancel-apology = We apologise for any inconvenience this may cause.

## The calendar file (invite.ics): SUMMARY and DESCRIPTION

# The title of a cancelled meeting in the recipient's calendar.
calendar-summary-cancelled = Cancelled: { $title }
calendar-join = Join online: { $link }
calendar-reply = Your reply: { $link }
calendar-reason = Reason for the cancellation: { $reason }
