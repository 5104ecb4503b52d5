//! Secretariat accounts.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{sessions, users};
use super::{DbConnection, now};
use crate::domain::{EmailAddress, UserId};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub disabled_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

impl User {
    pub fn user_id(&self) -> UserId {
        UserId(self.id)
    }

    pub fn is_disabled(&self) -> bool {
        self.disabled_at.is_some()
    }
}

#[derive(Insertable)]
#[diesel(table_name = users)]
struct NewUser<'a> {
    email: &'a str,
    name: &'a str,
    password_hash: &'a str,
    created_at: NaiveDateTime,
}

#[derive(Debug, thiserror::Error)]
pub enum AddUserError {
    #[error("an account for {0} already exists")]
    Exists(String),
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
}

/// Creates an account. The address is stored in its login form (lower case),
/// so one person cannot end up with two accounts differing only in case.
#[tracing::instrument(skip(conn, password_hash))]
pub fn add(
    conn: &mut DbConnection,
    email: &EmailAddress,
    name: &str,
    password_hash: &str,
) -> Result<UserId, AddUserError> {
    let key = email.login_key();
    super::transaction(conn, |conn| {
        if find_by_email(conn, &key)?.is_some() {
            return Err(AddUserError::Exists(key.clone()));
        }
        let row = NewUser {
            email: &key,
            name,
            password_hash,
            created_at: now(),
        };
        let id: i64 = crate::with_backend!(conn, |c| diesel::insert_into(users::table)
            .values(&row)
            .returning(users::id)
            .get_result(c))?;
        Ok(UserId(id))
    })
}

pub fn find_by_email(conn: &mut DbConnection, login_key: &str) -> QueryResult<Option<User>> {
    users::table
        .filter(users::email.eq(login_key))
        .select(User::as_select())
        .first(conn)
        .optional()
}

pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<User>> {
    users::table
        .order(users::email.asc())
        .select(User::as_select())
        .load(conn)
}

pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
    users::table.count().get_result(conn)
}

/// Disables an account and ends its sessions at once. Returns false when no
/// such account exists.
#[tracing::instrument(skip(conn))]
pub fn disable(conn: &mut DbConnection, login_key: &str) -> QueryResult<bool> {
    super::transaction(conn, |conn| {
        let Some(user) = find_by_email(conn, login_key)? else {
            return Ok(false);
        };
        if user.disabled_at.is_none() {
            diesel::update(users::table.find(user.id))
                .set(users::disabled_at.eq(Some(now())))
                .execute(conn)?;
        }
        diesel::delete(sessions::table.filter(sessions::user_id.eq(user.id))).execute(conn)?;
        Ok(true)
    })
}
