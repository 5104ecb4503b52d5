use convene::db::{self, migrate};
use diesel::prelude::*;

use crate::helpers::TestDb;

fn users_table_answers(conn: &mut db::DbConnection) -> bool {
    db::schema::users::table
        .count()
        .get_result::<i64>(conn)
        .is_ok()
}

#[test]
fn migrations_go_up_down_and_up_again() {
    let test_db = TestDb::new();
    let pool = db::connect(test_db.url(), 1).expect("pool");
    let mut conn = pool.get().expect("connection");

    let applied = migrate::run_pending(&mut conn).expect("up");
    assert!(!applied.is_empty(), "a fresh database gets every migration");
    assert_eq!(migrate::applied(&mut conn).expect("list"), applied);
    assert!(users_table_answers(&mut conn));
    assert!(
        migrate::run_pending(&mut conn)
            .expect("up again")
            .is_empty(),
        "nothing left to apply"
    );

    let reverted = migrate::revert_all(&mut conn).expect("down");
    assert_eq!(reverted.len(), applied.len(), "every migration has a down");
    assert!(migrate::applied(&mut conn).expect("list").is_empty());
    assert!(!users_table_answers(&mut conn), "down removed the tables");

    let reapplied = migrate::run_pending(&mut conn).expect("up after down");
    assert_eq!(reapplied, applied);
    assert!(users_table_answers(&mut conn));
}
