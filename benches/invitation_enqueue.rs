//! How long sending a meeting's invitations takes to *queue*: one
//! transaction writing the invitees, recipients, hashed reply links and one
//! outbox row per recipient. Run with `cargo bench --bench invitation_enqueue`;
//! `CONVENE_BENCH_PG=postgres://…/postgres` adds a PostgreSQL run (a scratch
//! database is created and dropped). Counts: `CONVENE_BENCH_COUNTS=1000,10000`.

use convene::db;
use convene::domain::seal::SealKey;
use diesel::{Connection, RunQueryDsl};

#[path = "support/invitees.rs"]
mod invitees;

fn run(url: &str, recipients: usize) -> f64 {
    let pool = db::connect(url, 2).expect("database");
    let mut conn = pool.get().expect("connection");
    db::migrate::run_pending(&mut conn).expect("migrations");
    let seal = SealKey::derive("benchmark secret, long enough for a key");
    let (_, elapsed) = invitees::send_to(&mut conn, recipients, &seal);
    elapsed.as_secs_f64()
}

fn main() {
    let counts: Vec<usize> = std::env::var("CONVENE_BENCH_COUNTS")
        .unwrap_or_else(|_| "1000,10000".into())
        .split(',')
        .filter_map(|n| n.trim().parse().ok())
        .collect();
    println!("backend     recipients  queued in");
    for &n in &counts {
        let dir = tempfile::tempdir().expect("temporary directory");
        let url = format!("sqlite://{}", dir.path().join("bench.db").display());
        println!("sqlite      {n:>10}  {:>7.3} s", run(&url, n));
    }
    if let Ok(admin) = std::env::var("CONVENE_BENCH_PG") {
        for &n in &counts {
            let name = format!("convene_bench_{}", std::process::id());
            let mut server = diesel::PgConnection::establish(&admin).expect("PostgreSQL");
            diesel::sql_query(format!("CREATE DATABASE {name}"))
                .execute(&mut server)
                .expect("create database");
            let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
            let seconds = run(&format!("{base}/{name}"), n);
            println!("postgresql  {n:>10}  {seconds:>7.3} s");
            diesel::sql_query(format!("DROP DATABASE {name} WITH (FORCE)"))
                .execute(&mut server)
                .expect("drop database");
        }
    }
}
