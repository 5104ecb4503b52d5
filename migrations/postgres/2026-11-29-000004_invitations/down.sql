DROP INDEX outbox_meeting_kind;
DROP TABLE delegates;
DROP TABLE invitation_links;
DROP TABLE invitation_recipients;
DROP TABLE invitees;
DROP TABLE invited_guests;
DROP TABLE invited_organisations;
DROP TABLE invitation_settings;
