//! The reference for the HTTP benchmarks: the smallest actix-web app, one
//! route answering "Hello, World!" as text/plain (TechEmpower's plaintext
//! test without pipelining). `benches/consultation.sh` runs it on the same
//! core, under the same load generator, in the same run as convene, so that
//! convene's figures can be given as a share of what actix-web itself does on
//! this machine at that moment.
//!
//! ```sh
//! cargo bench --bench plaintext --no-run
//! target/release/deps/plaintext-… 127.0.0.1:8099 [WORKERS]
//! ```

use actix_web::{App, HttpResponse, HttpServer, get};

#[get("/")]
async fn hello() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain")
        .body("Hello, World!")
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    let bind = args.next().unwrap_or_else(|| "127.0.0.1:8099".into());
    let workers: usize = args.next().and_then(|w| w.parse().ok()).unwrap_or(1);
    HttpServer::new(|| App::new().service(hello))
        .workers(workers)
        .bind(bind)?
        .run()
        .await
}
