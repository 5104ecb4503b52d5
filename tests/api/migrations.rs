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

#[derive(QueryableByName, Debug, PartialEq)]
struct ExcludedRow {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    meeting_id: i64,
    #[diesel(sql_type = diesel::sql_types::Date)]
    day: chrono::NaiveDate,
    #[diesel(sql_type = diesel::sql_types::Text)]
    label: String,
}

/// The migration that moved a meeting's excluded days into its row (as JSON)
/// carries them both ways: down into their own table, and up again into the
/// row, labels with quotes and accents intact.
#[test]
fn a_meetings_excluded_days_move_into_its_row_and_back() {
    use diesel::connection::SimpleConnection;
    let test_db = TestDb::new();
    let pool = db::connect(test_db.url(), 1).expect("pool");
    let mut conn = db::PooledConn::from(pool.get().expect("connection"));
    migrate::run_pending(&mut conn).expect("up");
    let days = r#"{"2027-04-02":"Good Friday \"Vendredi saint\"","2027-04-05":"Lundi de Pâques"}"#;
    conn.batch_execute(&format!(
        "INSERT INTO meetings (title, time_zone, window_start, window_end, granularity, \
         durations, working_days, sessions, modalities, response_deadline, reminder_days, \
         created_at, updated_at, excluded_days) VALUES ('Excluded', 'Europe/Zurich', \
         '2027-03-29', '2027-04-09', 'day', '[1]', '[1,2,3,4,5]', '[]', '[]', \
         '2027-03-01 12:00:00', '[]', '2027-01-01 00:00:00', '2027-01-01 00:00:00', '{days}')"
    ))
    .expect("a meeting with two excluded days");
    let id: i64 = db::schema::meetings::table
        .select(db::schema::meetings::id)
        .first(&mut *conn)
        .expect("its id");

    let reverted = migrate::revert_last(&mut conn).expect("down");
    assert!(reverted.contains("000040"), "{reverted}");
    let rows: Vec<ExcludedRow> =
        diesel::sql_query("SELECT meeting_id, day, label FROM meeting_excluded_dates ORDER BY day")
            .load(&mut *conn)
            .expect("the days in their table");
    let date = |text: &str| text.parse::<chrono::NaiveDate>().expect("date");
    assert_eq!(
        rows,
        vec![
            ExcludedRow {
                meeting_id: id,
                day: date("2027-04-02"),
                label: "Good Friday \"Vendredi saint\"".into(),
            },
            ExcludedRow {
                meeting_id: id,
                day: date("2027-04-05"),
                label: "Lundi de Pâques".into(),
            },
        ]
    );

    migrate::run_pending(&mut conn).expect("up again");
    let stored: String = db::schema::meetings::table
        .find(id)
        .select(db::schema::meetings::excluded_days)
        .first(&mut *conn)
        .expect("the row's days");
    let parsed: std::collections::BTreeMap<chrono::NaiveDate, String> =
        serde_json::from_str(&stored).expect("JSON");
    let expected: std::collections::BTreeMap<chrono::NaiveDate, String> =
        serde_json::from_str(days).expect("JSON");
    assert_eq!(parsed, expected);
}
