use crate::helpers::spawn_app;

#[tokio::test]
async fn health_reports_the_database_and_backend() {
    let app = spawn_app().await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.expect("JSON");
    assert_eq!(body["status"], "ok");
    assert_eq!(body["database"], "ok");
    let expected = if app.is_postgres() {
        "postgresql"
    } else {
        "sqlite"
    };
    assert_eq!(body["backend"], expected);
}

#[tokio::test]
async fn every_page_carries_the_security_headers() {
    let app = spawn_app().await;
    for path in ["/healthz", "/login", "/no-such-page"] {
        let response = app.get(path).await;
        let headers = response.headers();
        let csp = headers["content-security-policy"].to_str().expect("ascii");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(headers["referrer-policy"], "no-referrer", "{path}");
    }
}

#[tokio::test]
async fn unknown_pages_are_html_and_unknown_api_paths_are_problem_json() {
    let app = spawn_app().await;
    let page = app.get("/no-such-page").await;
    assert_eq!(page.status(), 404);
    assert!(
        page.headers()["content-type"]
            .to_str()
            .expect("ascii")
            .starts_with("text/html")
    );
    assert!(
        page.text()
            .await
            .expect("body")
            .contains("This page does not exist.")
    );

    let api = app.get("/api/no-such-thing").await;
    assert_eq!(api.status(), 404);
    assert_eq!(api.headers()["content-type"], "application/problem+json");
    let problem: serde_json::Value = api.json().await.expect("JSON");
    assert_eq!(problem["status"], 404);
    assert_eq!(problem["title"], "Not Found");
}

#[tokio::test]
async fn the_stylesheet_is_served_by_the_binary() {
    let app = spawn_app().await;
    let response = app.get("/assets/style.css").await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .expect("ascii")
            .starts_with("text/css")
    );
}
