// @generated automatically by Diesel CLI.

diesel::table! {
    answers (id) {
        id -> Int8,
        meeting_id -> Int8,
        group_id -> Int8,
        version -> Int4,
        link_id -> Nullable<Int8>,
        units -> Text,
        accepted_durations -> Text,
        preferred_duration -> Nullable<Int4>,
        modality -> Nullable<Text>,
        comment -> Text,
        submitted_at -> Timestamp,
    }
}

diesel::table! {
    audit_log (id) {
        id -> Int8,
        at -> Timestamp,
        user_id -> Nullable<Int8>,
        actor -> Text,
        meeting_id -> Nullable<Int8>,
        action -> Text,
        detail -> Text,
    }
}

diesel::table! {
    contacts (id) {
        id -> Int8,
        name -> Text,
        email -> Text,
        language -> Text,
        member_state_id -> Nullable<Int8>,
        organisation_id -> Nullable<Int8>,
        coordinator_of -> Nullable<Int8>,
        invitation_recipient -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    coordinator_links (id) {
        id -> Int8,
        meeting_id -> Int8,
        group_id -> Int8,
        contact_id -> Nullable<Int8>,
        email -> Text,
        token_hash -> Text,
        created_by -> Nullable<Int8>,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    current_answers (meeting_id, group_id) {
        meeting_id -> Int8,
        group_id -> Int8,
        version -> Int4,
    }
}

diesel::table! {
    group_names (group_id, language) {
        group_id -> Int8,
        language -> Text,
        name -> Text,
    }
}

diesel::table! {
    instance_secrets (name) {
        name -> Text,
        value -> Text,
    }
}

diesel::table! {
    login_failures (id) {
        id -> Int8,
        email -> Text,
        client -> Text,
        at -> Timestamp,
    }
}

diesel::table! {
    meeting_groups (meeting_id, group_id) {
        meeting_id -> Int8,
        group_id -> Int8,
        frozen_weight -> Nullable<Int4>,
        frozen_version -> Nullable<Int4>,
    }
}

diesel::table! {
    meeting_texts (meeting_id, language) {
        meeting_id -> Int8,
        language -> Text,
        title -> Text,
        purpose -> Text,
    }
}

diesel::table! {
    meetings (id) {
        id -> Int8,
        title -> Text,
        purpose -> Text,
        organiser -> Text,
        status -> Text,
        time_zone -> Text,
        window_start -> Date,
        window_end -> Date,
        granularity -> Text,
        durations -> Text,
        working_days -> Text,
        sessions -> Text,
        modalities -> Text,
        response_deadline -> Timestamp,
        quorum -> Nullable<Int4>,
        reminder_days -> Text,
        created_by -> Nullable<Int8>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        opened_at -> Nullable<Timestamp>,
        closed_at -> Nullable<Timestamp>,
        allow_spanning -> Bool,
        approved_units -> Nullable<Text>,
        approved_start -> Nullable<Timestamp>,
        approved_end -> Nullable<Timestamp>,
        approved_by -> Nullable<Int8>,
        approved_at -> Nullable<Timestamp>,
        approved_modality -> Nullable<Text>,
        approved_venue -> Text,
        approved_link -> Text,
        approved_sessions -> Nullable<Text>,
        excluded_days -> Text,
    }
}

diesel::table! {
    member_states (id) {
        id -> Int8,
        iso2 -> Text,
        name -> Text,
        group_id -> Nullable<Int8>,
        group_confidence -> Text,
        group_note -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    organisations (id) {
        id -> Int8,
        name -> Text,
        acronym -> Text,
        kind -> Text,
        observer -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    outbox (id) {
        id -> Int8,
        kind -> Text,
        meeting_id -> Nullable<Int8>,
        recipient_email -> Text,
        recipient_name -> Text,
        language -> Text,
        params -> Text,
        sealed_secret -> Nullable<Text>,
        message_id -> Text,
        dedupe_key -> Nullable<Text>,
        status -> Text,
        attempts -> Int4,
        next_attempt_at -> Timestamp,
        claimed_at -> Nullable<Timestamp>,
        claimed_by -> Nullable<Text>,
        sent_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    outbox_pauses (scope) {
        scope -> Text,
        paused_by -> Nullable<Int8>,
        paused_at -> Timestamp,
    }
}

diesel::table! {
    regional_groups (id) {
        id -> Int8,
        name -> Text,
        short_name -> Text,
        weight -> Int4,
        created_at -> Timestamp,
    }
}

diesel::table! {
    reminders (meeting_id, group_id, days_before) {
        meeting_id -> Int8,
        group_id -> Int8,
        days_before -> Int4,
        sent_at -> Timestamp,
    }
}

diesel::table! {
    sessions (id_hash) {
        id_hash -> Text,
        user_id -> Int8,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
    }
}

diesel::table! {
    users (id) {
        id -> Int8,
        email -> Text,
        name -> Text,
        password_hash -> Text,
        disabled_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    delegates (id) {
        id -> Int8,
        invitee_id -> Int8,
        position -> Int4,
        name -> Text,
        function -> Text,
    }
}

diesel::table! {
    invitation_links (id) {
        id -> Int8,
        recipient_id -> Int8,
        token_hash -> Text,
        created_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    invitation_recipients (id) {
        id -> Int8,
        meeting_id -> Int8,
        invitee_id -> Int8,
        contact_id -> Nullable<Int8>,
        name -> Text,
        email -> Text,
        language -> Text,
        created_at -> Timestamp,
        withdrawn_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    invitation_settings (meeting_id) {
        meeting_id -> Int8,
        all_observers -> Bool,
        all_igos -> Bool,
        all_ngos -> Bool,
        ical_uid -> Text,
        sequence -> Int4,
        sent_at -> Nullable<Timestamp>,
        sent_by -> Nullable<Int8>,
        cancelled_at -> Nullable<Timestamp>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    invited_guests (id) {
        id -> Int8,
        meeting_id -> Int8,
        name -> Text,
        email -> Text,
        language -> Text,
    }
}

diesel::table! {
    invited_organisations (meeting_id, organisation_id) {
        meeting_id -> Int8,
        organisation_id -> Int8,
    }
}

diesel::table! {
    invitees (id) {
        id -> Int8,
        meeting_id -> Int8,
        category -> Text,
        member_state_id -> Nullable<Int8>,
        organisation_id -> Nullable<Int8>,
        guest_id -> Nullable<Int8>,
        name -> Text,
        group_name -> Nullable<Text>,
        response -> Nullable<Text>,
        note -> Text,
        responded_at -> Nullable<Timestamp>,
        responded_by -> Nullable<Int8>,
        created_at -> Timestamp,
    }
}

diesel::joinable!(delegates -> invitees (invitee_id));
diesel::joinable!(invitation_links -> invitation_recipients (recipient_id));
diesel::joinable!(invitation_recipients -> contacts (contact_id));
diesel::joinable!(invitation_recipients -> invitees (invitee_id));
diesel::joinable!(invitation_recipients -> meetings (meeting_id));
diesel::joinable!(invitation_settings -> meetings (meeting_id));
diesel::joinable!(invitation_settings -> users (sent_by));
diesel::joinable!(invited_guests -> meetings (meeting_id));
diesel::joinable!(invited_organisations -> meetings (meeting_id));
diesel::joinable!(invited_organisations -> organisations (organisation_id));
diesel::joinable!(invitees -> invited_guests (guest_id));
diesel::joinable!(invitees -> meetings (meeting_id));
diesel::joinable!(invitees -> member_states (member_state_id));
diesel::joinable!(invitees -> organisations (organisation_id));
diesel::joinable!(answers -> coordinator_links (link_id));
diesel::joinable!(answers -> meetings (meeting_id));
diesel::joinable!(answers -> regional_groups (group_id));
diesel::joinable!(audit_log -> meetings (meeting_id));
diesel::joinable!(audit_log -> users (user_id));
diesel::joinable!(contacts -> member_states (member_state_id));
diesel::joinable!(contacts -> organisations (organisation_id));
diesel::joinable!(contacts -> regional_groups (coordinator_of));
diesel::joinable!(coordinator_links -> contacts (contact_id));
diesel::joinable!(coordinator_links -> meetings (meeting_id));
diesel::joinable!(coordinator_links -> regional_groups (group_id));
diesel::joinable!(coordinator_links -> users (created_by));
diesel::joinable!(current_answers -> meetings (meeting_id));
diesel::joinable!(current_answers -> regional_groups (group_id));
diesel::joinable!(group_names -> regional_groups (group_id));
diesel::joinable!(meeting_groups -> meetings (meeting_id));
diesel::joinable!(meeting_groups -> regional_groups (group_id));
diesel::joinable!(meeting_texts -> meetings (meeting_id));
diesel::joinable!(member_states -> regional_groups (group_id));
diesel::joinable!(outbox -> meetings (meeting_id));
diesel::joinable!(outbox_pauses -> users (paused_by));
diesel::joinable!(reminders -> meetings (meeting_id));
diesel::joinable!(reminders -> regional_groups (group_id));
diesel::joinable!(sessions -> users (user_id));

diesel::allow_tables_to_appear_in_same_query!(
    answers,
    audit_log,
    contacts,
    coordinator_links,
    current_answers,
    delegates,
    group_names,
    instance_secrets,
    invitation_links,
    invitation_recipients,
    invitation_settings,
    invited_guests,
    invited_organisations,
    invitees,
    login_failures,
    meeting_groups,
    meeting_texts,
    meetings,
    member_states,
    organisations,
    outbox,
    outbox_pauses,
    regional_groups,
    reminders,
    sessions,
    users,
);
