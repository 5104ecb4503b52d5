//! Instance-wide secrets that must survive restarts and be shared by every
//! instance on the same database (the key that signs CSRF tokens).

use diesel::prelude::*;

use super::DbConnection;
use super::schema::instance_secrets;

/// Returns the stored secret `name`, storing `fresh` first if there is none.
/// Safe when several instances start at once: the first insert wins and every
/// instance reads the winner.
pub fn get_or_insert(conn: &mut DbConnection, name: &str, fresh: &str) -> QueryResult<String> {
    let row = (
        instance_secrets::name.eq(name),
        instance_secrets::value.eq(fresh),
    );
    crate::with_backend!(&mut *conn, |c| diesel::insert_into(instance_secrets::table)
        .values(row)
        .on_conflict_do_nothing()
        .execute(c))?;
    instance_secrets::table
        .find(name)
        .select(instance_secrets::value)
        .first(conn)
}
