//! The invitee list of a meeting and sending the invitations: the decision
//! taken at approval (modality, venue, link), the rules and picks, the extra
//! addresses; counts by category and every
//! invitee no address reaches, before anything is sent; then one action that
//! queues every invitation.

use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{HttpResponse, get, post};
use askama::Template;

use super::actor;
use crate::db::directory::organisations::{self, Organisation, OrganisationFilter};
use crate::db::invitations::{self, Settings};
use crate::db::meetings::{self, Meeting};
use crate::domain::invitation::{Category, GuestLineError, format_guests, parse_guests};
use crate::domain::invitation::{LanguageCount, ListChoice, Plan, PlanCount};
use crate::domain::meeting::{Status, show_instant, show_span};
use crate::web::csrf::{CsrfForm, CsrfToken};
use crate::web::session::CurrentUser;
use crate::web::{AppError, AppState, Layout, db, page, see_other};

/// The list form as typed.
#[derive(Debug, Clone, Default)]
pub struct ListInput {
    pub all_observers: bool,
    pub all_igos: bool,
    pub all_ngos: bool,
    pub organisations: Vec<i64>,
    pub guests: String,
}

impl ListInput {
    fn from_pairs(pairs: &[(String, String)]) -> ListInput {
        let mut input = ListInput::default();
        for (key, value) in pairs {
            match key.as_str() {
                "all_observers" => input.all_observers = true,
                "all_igos" => input.all_igos = true,
                "all_ngos" => input.all_ngos = true,
                "org" => input.organisations.extend(value.parse::<i64>().ok()),
                "guests" => input.guests = value.clone(),
                _ => {}
            }
        }
        input
    }

    fn from_choice(choice: &ListChoice) -> ListInput {
        ListInput {
            all_observers: choice.all_observers,
            all_igos: choice.all_igos,
            all_ngos: choice.all_ngos,
            organisations: choice.organisations.clone(),
            guests: format_guests(&choice.guests),
        }
    }

    fn picks(&self, id: &i64) -> bool {
        self.organisations.contains(id)
    }
}

pub struct CountRow {
    pub label: &'static str,
    pub count: PlanCount,
}

pub struct Lacking {
    pub category: &'static str,
    pub name: String,
}

#[derive(Template)]
#[template(path = "secretariat/invitations.html")]
struct InvitationsPage {
    layout: Layout,
    id: i64,
    title: String,
    status: Status,
    when: String,
    when_utc: String,
    /// The decision: modality label, venue, link (the label empty when no
    /// modality is decided yet).
    modality: String,
    venue: String,
    link: String,
    input: ListInput,
    guest_errors: Vec<GuestLineError>,
    organisations: Vec<Organisation>,
    counts: Vec<CountRow>,
    total: PlanCount,
    /// Recipients per language, for a check before sending.
    languages: Vec<LanguageCount>,
    lacking: Vec<Lacking>,
    sent: Option<String>,
    reach: (i64, i64),
    notice: Option<&'static str>,
}

struct Loaded {
    meeting: Meeting,
    settings: Option<Settings>,
    choice: ListChoice,
    plan: Plan,
    organisations: Vec<Organisation>,
    reach: (i64, i64),
}

async fn load(state: &Data<AppState>, id: i64) -> Result<Loaded, AppError> {
    db(state, move |conn| {
        let meeting = meetings::get(conn, id)?;
        Ok(Loaded {
            settings: invitations::settings(conn, id)?,
            choice: invitations::choice(conn, id)?,
            plan: invitations::plan(conn, id)?,
            organisations: organisations::list(conn, &OrganisationFilter::default())?,
            reach: invitations::reach(conn, id)?,
            meeting,
        })
    })
    .await
}

fn render(
    loaded: Loaded,
    user: &CurrentUser,
    csrf: String,
    input: Option<ListInput>,
    guest_errors: Vec<GuestLineError>,
    notice: Option<&'static str>,
) -> InvitationsPage {
    let s = &loaded.meeting.settings;
    let zone = s.time_zone;
    let (when, when_utc) = loaded
        .meeting
        .approval
        .as_ref()
        .map(|a| show_span(a.start, a.end, zone))
        .unwrap_or_default();
    let (rows, total) = loaded.plan.counts();
    let languages = loaded.plan.languages();
    let approval = loaded.meeting.approval.as_ref();
    InvitationsPage {
        layout: Layout {
            user_name: user.display_name().to_owned(),
            csrf,
        },
        id: loaded.meeting.id,
        title: s.title.clone(),
        status: loaded.meeting.status,
        when,
        when_utc,
        modality: approval
            .and_then(|a| a.modality)
            .map(|m| m.label().to_owned())
            .unwrap_or_default(),
        venue: approval.map(|a| a.venue.clone()).unwrap_or_default(),
        link: approval.map(|a| a.link.clone()).unwrap_or_default(),
        input: input.unwrap_or_else(|| ListInput::from_choice(&loaded.choice)),
        guest_errors,
        organisations: loaded.organisations,
        counts: rows
            .into_iter()
            .map(|(c, count)| CountRow {
                label: c.label(),
                count,
            })
            .collect(),
        total,
        languages,
        lacking: loaded
            .plan
            .lacking()
            .map(|i| Lacking {
                category: category_short(i.category),
                name: i.name.clone(),
            })
            .collect(),
        sent: loaded
            .settings
            .as_ref()
            .and_then(|st| st.sent_at)
            .map(|at| show_instant(at.and_utc(), zone)),
        reach: loaded.reach,
        notice,
    }
}

fn category_short(category: Category) -> &'static str {
    match category {
        Category::MemberState => "Member state",
        Category::Igo => "IGO",
        Category::Ngo => "NGO",
        Category::Guest => "Other",
    }
}

#[get("/meetings/{id}/invitations")]
pub async fn show(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    path: Path<i64>,
    query: crate::web::extract::Query<super::show::Done>,
) -> Result<HttpResponse, AppError> {
    let loaded = load(&state, path.into_inner()).await?;
    let notice = match query.done.as_deref() {
        Some("saved") => Some("The invitee list was saved."),
        Some("decided") => Some("The date, time, modality and venue were saved."),
        Some("unchanged") => Some("Nothing was changed."),
        _ => None,
    };
    page(
        StatusCode::OK,
        &render(loaded, &user, csrf.0, None, Vec::new(), notice),
    )
}

/// The list as typed, once its extra addresses are read; the page again with
/// each bad line marked otherwise.
enum Typed {
    List(ListChoice),
    Invalid(ListInput, Vec<GuestLineError>),
}

fn read_list(pairs: &[(String, String)]) -> Typed {
    let input = ListInput::from_pairs(pairs);
    match parse_guests(&input.guests) {
        Ok(guests) => Typed::List(ListChoice {
            all_observers: input.all_observers,
            all_igos: input.all_igos,
            all_ngos: input.all_ngos,
            organisations: input.organisations.clone(),
            guests,
        }),
        Err(errors) => Typed::Invalid(input, errors),
    }
}

#[post("/meetings/{id}/invitations")]
pub async fn save(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    path: Path<i64>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let choice = match read_list(&pairs) {
        Typed::List(choice) => choice,
        Typed::Invalid(input, errors) => {
            let loaded = load(&state, id).await?;
            return page(
                StatusCode::UNPROCESSABLE_ENTITY,
                &render(loaded, &user, csrf.0, Some(input), errors, None),
            );
        }
    };
    let actor = actor(&user);
    let domain = state.settings.message_domain();
    db(&state, move |conn| {
        // Checked first, so that an id no organisation has (or one removed
        // since the page was loaded) is a clear refusal, not a key violation.
        let known = organisations::list(conn, &OrganisationFilter::default())?;
        if let Some(unknown) = choice
            .organisations
            .iter()
            .find(|id| !known.iter().any(|o| o.id == **id))
        {
            return Err(AppError::Conflict(format!(
                "Organisation {unknown} is not in the directory (it may have just been removed). Reload the page and choose again."
            )));
        }
        Ok(invitations::save_choice(
            conn, id, &choice, &actor, &domain,
        )?)
    })
    .await?;
    Ok(see_other(&format!("/meetings/{id}/invitations?done=saved")))
}

/// Sends the invitations. From the page, the form carries the list as it is
/// on screen (marked by its `list` field): it is saved and sent in one
/// transaction, so nothing typed is left out. A request without the list
/// sends the list as saved.
#[post("/meetings/{id}/invitations/send")]
pub async fn send(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    path: Path<i64>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let shown = if pairs.iter().any(|(k, _)| k == "list") {
        match read_list(&pairs) {
            Typed::List(choice) => Some(choice),
            Typed::Invalid(input, errors) => {
                let loaded = load(&state, id).await?;
                return page(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    &render(loaded, &user, csrf.0, Some(input), errors, None),
                );
            }
        }
    } else {
        None
    };
    let actor = actor(&user);
    let user_id = user.id.0;
    let mailing = state.mailing();
    let sent = db(&state, move |conn| {
        Ok(match &shown {
            Some(choice) => {
                invitations::save_and_send(conn, id, choice, &actor, Some(user_id), &mailing)?
            }
            None => invitations::send(conn, id, &actor, Some(user_id), &mailing)?,
        })
    })
    .await?;
    Ok(see_other(&if sent.recipients > 0 {
        format!(
            "/meetings/{id}/delivery?done=sent&invitees={}&recipients={}",
            sent.invitees, sent.recipients
        )
    } else {
        format!("/meetings/{id}/delivery?done=nothing-new")
    }))
}
