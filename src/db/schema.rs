// @generated automatically by Diesel CLI.

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

diesel::joinable!(sessions -> users (user_id));

diesel::allow_tables_to_appear_in_same_query!(instance_secrets, login_failures, sessions, users,);
