-- Invitations: whom a meeting invites (every member state, organisations by
-- rule or one by one, extra addresses), the invitees and recipients fixed
-- when invitations are sent, their personal reply links (hashes only), and
-- the replies with their delegations.

-- One row per meeting once its invitations are prepared: the rules, the
-- venue, and the calendar identity (UID created once, SEQUENCE raised on
-- every update and on cancellation).
CREATE TABLE invitation_settings (
    meeting_id BIGINT PRIMARY KEY NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    all_observers BOOLEAN NOT NULL DEFAULT FALSE,
    all_igos BOOLEAN NOT NULL DEFAULT FALSE,
    all_ngos BOOLEAN NOT NULL DEFAULT FALSE,
    venue TEXT NOT NULL DEFAULT '',
    ical_uid TEXT NOT NULL UNIQUE,
    sequence INTEGER NOT NULL DEFAULT 0,
    sent_at TIMESTAMP,
    sent_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    cancelled_at TIMESTAMP,
    updated_at TIMESTAMP NOT NULL
);

-- Organisations picked one by one.
CREATE TABLE invited_organisations (
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    PRIMARY KEY (meeting_id, organisation_id)
);

-- Extra addresses: people invited in their own name.
CREATE TABLE invited_guests (
    id INTEGER PRIMARY KEY NOT NULL,
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    language TEXT NOT NULL,
    UNIQUE (meeting_id, email)
);

-- A party invited: a member state, an organisation or a guest. Its reply
-- (attendance, note, delegation) is one for the party, whichever of its
-- recipients gave it. Names and group are copied when invited, so the list
-- stays as it was sent even if the directory changes.
CREATE TABLE invitees (
    id INTEGER PRIMARY KEY NOT NULL,
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    category TEXT NOT NULL,
    member_state_id BIGINT REFERENCES member_states (id) ON DELETE SET NULL,
    organisation_id BIGINT REFERENCES organisations (id) ON DELETE SET NULL,
    guest_id BIGINT REFERENCES invited_guests (id) ON DELETE SET NULL,
    name TEXT NOT NULL,
    group_name TEXT,
    response TEXT,
    note TEXT NOT NULL DEFAULT '',
    responded_at TIMESTAMP,
    responded_by BIGINT,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (meeting_id, member_state_id),
    UNIQUE (meeting_id, organisation_id),
    UNIQUE (meeting_id, guest_id)
);

-- One person an invitation is sent to, for one invitee.
CREATE TABLE invitation_recipients (
    id INTEGER PRIMARY KEY NOT NULL,
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    invitee_id BIGINT NOT NULL REFERENCES invitees (id) ON DELETE CASCADE,
    contact_id BIGINT REFERENCES contacts (id) ON DELETE SET NULL,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    language TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (invitee_id, email)
);
CREATE INDEX invitation_recipients_meeting ON invitation_recipients (meeting_id);

-- Personal reply links: a new one in every message that carries a link;
-- all of a recipient's links stay valid. Only the SHA-256 digest is kept.
CREATE TABLE invitation_links (
    id INTEGER PRIMARY KEY NOT NULL,
    recipient_id BIGINT NOT NULL REFERENCES invitation_recipients (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL
);

-- The delegation of an invitee that attends.
CREATE TABLE delegates (
    id INTEGER PRIMARY KEY NOT NULL,
    invitee_id BIGINT NOT NULL REFERENCES invitees (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    function TEXT NOT NULL
);
CREATE INDEX delegates_invitee ON delegates (invitee_id, position);

CREATE INDEX outbox_meeting_kind ON outbox (meeting_id, kind, status);
