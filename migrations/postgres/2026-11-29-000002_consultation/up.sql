-- The directory (groups, states, organisations, contacts), meetings and their
-- consultation (links, answer versions, reminders), the outbox every email
-- leaves through, and the audit log. Instants are UTC; window dates are
-- calendar dates in the meeting's time zone. Lists and settings are JSON text.
CREATE TABLE regional_groups (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    short_name TEXT NOT NULL UNIQUE,
    weight INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE member_states (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    iso2 TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    group_id BIGINT REFERENCES regional_groups (id) ON DELETE SET NULL,
    -- sourced | sourced-indirect | inferred | inferred-review | uncertain | confirmed
    group_confidence TEXT NOT NULL DEFAULT 'confirmed',
    group_note TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX member_states_group ON member_states (group_id);

CREATE TABLE organisations (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    acronym TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL CHECK (kind IN ('igo', 'ngo')),
    observer BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE contacts (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    language TEXT NOT NULL DEFAULT 'en',
    member_state_id BIGINT REFERENCES member_states (id) ON DELETE CASCADE,
    organisation_id BIGINT REFERENCES organisations (id) ON DELETE CASCADE,
    coordinator_of BIGINT REFERENCES regional_groups (id) ON DELETE SET NULL,
    invitation_recipient BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX contacts_state ON contacts (member_state_id);
CREATE INDEX contacts_organisation ON contacts (organisation_id);
CREATE INDEX contacts_coordinator ON contacts (coordinator_of);

CREATE TABLE meetings (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title TEXT NOT NULL,
    purpose TEXT NOT NULL DEFAULT '',
    organiser TEXT NOT NULL DEFAULT '',
    -- draft | consulting | closed | approved | invited | cancelled
    status TEXT NOT NULL DEFAULT 'draft',
    time_zone TEXT NOT NULL,
    window_start DATE NOT NULL,
    window_end DATE NOT NULL,
    -- day | half_day
    granularity TEXT NOT NULL,
    durations TEXT NOT NULL,
    working_days TEXT NOT NULL,
    sessions TEXT NOT NULL,
    modalities TEXT NOT NULL,
    response_deadline TIMESTAMP NOT NULL,
    quorum INTEGER,
    reminder_days TEXT NOT NULL,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    opened_at TIMESTAMP,
    closed_at TIMESTAMP
);
CREATE INDEX meetings_status ON meetings (status, response_deadline);

CREATE TABLE meeting_excluded_dates (
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    day DATE NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (meeting_id, day)
);

CREATE TABLE meeting_groups (
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    group_id BIGINT NOT NULL REFERENCES regional_groups (id),
    PRIMARY KEY (meeting_id, group_id)
);

CREATE TABLE coordinator_links (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    group_id BIGINT NOT NULL REFERENCES regional_groups (id),
    contact_id BIGINT REFERENCES contacts (id) ON DELETE SET NULL,
    email TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
CREATE INDEX coordinator_links_meeting ON coordinator_links (meeting_id, group_id);

CREATE TABLE answers (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    group_id BIGINT NOT NULL REFERENCES regional_groups (id),
    version INTEGER NOT NULL,
    link_id BIGINT REFERENCES coordinator_links (id) ON DELETE SET NULL,
    units TEXT NOT NULL,
    accepted_durations TEXT NOT NULL,
    preferred_duration INTEGER,
    modality TEXT,
    comment TEXT NOT NULL DEFAULT '',
    submitted_at TIMESTAMP NOT NULL,
    UNIQUE (meeting_id, group_id, version)
);

CREATE TABLE reminders (
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    group_id BIGINT NOT NULL REFERENCES regional_groups (id),
    days_before INTEGER NOT NULL,
    sent_at TIMESTAMP NOT NULL,
    PRIMARY KEY (meeting_id, group_id, days_before)
);

CREATE TABLE outbox (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind TEXT NOT NULL,
    meeting_id BIGINT REFERENCES meetings (id) ON DELETE SET NULL,
    recipient_email TEXT NOT NULL,
    recipient_name TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT 'en',
    params TEXT NOT NULL,
    sealed_secret TEXT,
    message_id TEXT NOT NULL UNIQUE,
    dedupe_key TEXT UNIQUE,
    -- queued | sending | sent | failed
    status TEXT NOT NULL DEFAULT 'queued',
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    claimed_at TIMESTAMP,
    claimed_by TEXT,
    sent_at TIMESTAMP,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_meeting ON outbox (meeting_id, status);

CREATE TABLE outbox_pauses (
    scope TEXT PRIMARY KEY NOT NULL,
    paused_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    paused_at TIMESTAMP NOT NULL
);

CREATE TABLE audit_log (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at TIMESTAMP NOT NULL,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    actor TEXT NOT NULL,
    meeting_id BIGINT REFERENCES meetings (id) ON DELETE CASCADE,
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_meeting ON audit_log (meeting_id, at);
