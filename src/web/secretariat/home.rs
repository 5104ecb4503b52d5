//! The secretariat's start page: the meetings. Before any account exists it
//! says how to create the first one instead.

use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{HttpResponse, get};
use askama::Template;

use crate::db::{meetings, users};
use crate::domain::meeting::show_instant;
use crate::web::csrf::CsrfToken;
use crate::web::session::MaybeUser;
use crate::web::{AppError, AppState, Layout, db, page, see_other};

#[derive(Template)]
#[template(path = "secretariat/dashboard.html")]
struct Dashboard {
    layout: Layout,
    meetings: Vec<Row>,
}

struct Row {
    id: i64,
    title: String,
    status: &'static str,
    window: String,
    deadline: String,
    answered: String,
}

#[derive(Template)]
#[template(path = "secretariat/setup.html")]
struct Setup {}

#[get("/")]
pub async fn home(
    state: Data<AppState>,
    user: MaybeUser,
    csrf: CsrfToken,
) -> Result<HttpResponse, AppError> {
    let Some(user) = user.0 else {
        let no_users = db(&state, |conn| Ok(users::count(conn)? == 0)).await?;
        return if no_users {
            page(StatusCode::OK, &Setup {})
        } else {
            Ok(see_other("/login"))
        };
    };
    let list = db(&state, |conn| Ok(meetings::list(conn)?)).await?;
    let rows = list
        .into_iter()
        .map(|m| Row {
            id: m.id,
            title: m.title,
            status: m.status.label(),
            window: format!(
                "{} – {}",
                m.window_start.format("%-d %b %Y"),
                m.window_end.format("%-d %b %Y")
            ),
            deadline: m.time_zone.parse().map_or_else(
                |_| m.deadline.to_string(),
                |zone| show_instant(m.deadline, zone),
            ),
            answered: format!("{} of {}", m.answered, m.consulted),
        })
        .collect();
    page(
        StatusCode::OK,
        &Dashboard {
            layout: Layout {
                user_name: user.display_name().to_owned(),
                csrf: csrf.0,
            },
            meetings: rows,
        },
    )
}
