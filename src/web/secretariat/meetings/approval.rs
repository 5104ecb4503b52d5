//! Approving a slot with the decision that goes with it: the page that shows
//! the chosen slot (what each group said about it, and the groups'
//! modality preferences and comments) with the decision's fields, and the
//! approval itself.
//!
//! The page is reached from a listed slot or a slot of one's own choosing
//! (GET: it only shows); approving is a POST. A slot that some group cannot
//! attend, or that not every group has answered for, is approved only from
//! this page, which says which groups and why, so nothing is approved
//! without the secretariat having seen it.

use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{HttpResponse, get, post};
use askama::Template;
use serde::Deserialize;

use super::actor;
use super::proposals::{ProposalView, view};
use crate::db::approval::{self, ApproveError, Approved, Choice};
use crate::db::proposals::{self, ProposalData};
use crate::domain::decision::{Decision, DecisionInput, preference_tally};
use crate::domain::meeting::FieldErrors;
use crate::domain::proposals::evaluate;
use crate::domain::units::Unit;
use crate::web::csrf::{CsrfForm, CsrfToken};
use crate::web::extract::Query;
use crate::web::session::CurrentUser;
use crate::web::{AppError, AppState, Layout, db, page, see_other};

/// What the groups said about modalities: a count per modality offered,
/// how many gave no preference, and every comment by group.
pub struct Preferences {
    pub tally: Vec<(&'static str, usize)>,
    pub none: usize,
    pub comments: Vec<(String, String)>,
}

pub fn preferences(data: &ProposalData) -> Preferences {
    // A group that has not answered states no preference either.
    let (tally, none) = preference_tally(
        &data.meeting.settings.modalities,
        data.groups
            .iter()
            .map(|g| data.answers.get(&g.id).and_then(|a| a.modality)),
    );
    Preferences {
        tally: tally.into_iter().map(|(m, n)| (m.label(), n)).collect(),
        none,
        comments: data
            .groups
            .iter()
            .filter_map(|g| {
                let comment = data.answers.get(&g.id)?.comment.trim();
                (!comment.is_empty()).then(|| (g.name.clone(), comment.to_owned()))
            })
            .collect(),
    }
}

#[derive(Template)]
#[template(path = "secretariat/approve.html")]
struct ApprovePage {
    layout: Layout,
    id: i64,
    proposal: ProposalView,
    /// Whether approving needs the explicit "approve anyway".
    needs_confirmation: bool,
    preferences: Preferences,
    zone: String,
    input: DecisionInput,
    errors: FieldErrors,
    modalities: Vec<(&'static str, &'static str)>,
}

impl ApprovePage {
    fn error(&self, field: &str) -> Option<&String> {
        self.errors.get(field)
    }

    fn described(&self, field: &str) -> String {
        super::described(&self.errors, field)
    }
}

/// The slot the form names: its first unit and its duration.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SlotQuery {
    start: String,
    duration: String,
}

impl SlotQuery {
    fn parse(&self) -> Result<(Unit, u32), AppError> {
        let start = Unit::parse_key(self.start.trim())
            .ok_or_else(|| AppError::BadRequest("Choose the first day of the slot.".into()))?;
        let duration = self
            .duration
            .trim()
            .parse()
            .map_err(|_| AppError::BadRequest("Choose the slot's duration.".into()))?;
        Ok((start, duration))
    }
}

/// The approval form as posted: the slot, the decision and the confirmation.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ApproveForm {
    #[serde(flatten)]
    slot: SlotQuery,
    #[serde(flatten)]
    decision: DecisionInput,
    confirm: String,
}

fn approve_page(
    data: &ProposalData,
    user: &CurrentUser,
    csrf: String,
    start: &Unit,
    duration: u32,
    input: Option<DecisionInput>,
    errors: FieldErrors,
) -> Result<ApprovePage, AppError> {
    let s = &data.meeting.settings;
    let proposal = evaluate(&data.input, start, duration).ok_or_else(|| {
        AppError::Conflict("That slot does not exist here: it does not fit in the window, is not a candidate duration, or runs across a non-working or excluded day.".into())
    })?;
    Ok(ApprovePage {
        layout: Layout {
            user_name: user.display_name().to_owned(),
            csrf,
        },
        id: data.meeting.id,
        needs_confirmation: !proposal.unable.is_empty() || !proposal.not_answered.is_empty(),
        proposal: view(data, 0, &proposal),
        preferences: preferences(data),
        zone: s.time_zone.name().to_owned(),
        input: input.unwrap_or_else(|| DecisionInput::for_draft(&s.modalities, &s.sessions)),
        errors,
        modalities: s
            .modalities
            .iter()
            .map(|m| (m.as_str(), m.label()))
            .collect(),
    })
}

async fn load(state: &Data<AppState>, id: i64) -> Result<ProposalData, AppError> {
    db(state, move |conn| Ok(proposals::load(conn, id)?)).await
}

#[get("/meetings/{id}/approve")]
pub async fn approve_form(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    path: Path<i64>,
    query: Query<SlotQuery>,
) -> Result<HttpResponse, AppError> {
    let (start, duration) = query.parse()?;
    let data = load(&state, path.into_inner()).await?;
    if data.meeting.approval.is_some() {
        return Err(AppError::Conflict(
            "A slot is approved already; change its date, time, modality or venue from the invitations page.".into(),
        ));
    }
    let page_data = approve_page(
        &data,
        &user,
        csrf.0,
        &start,
        duration,
        None,
        FieldErrors::new(),
    )?;
    page(StatusCode::OK, &page_data)
}

#[post("/meetings/{id}/approve")]
pub async fn approve(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    path: Path<i64>,
    CsrfForm(form): CsrfForm<ApproveForm>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (start, duration) = form.slot.parse()?;
    let data = load(&state, id).await?;
    let shown = approve_page(
        &data,
        &user,
        csrf.0,
        &start,
        duration,
        None,
        FieldErrors::new(),
    )?;
    let decision = match Decision::parse(&form.decision, &data.meeting.settings.modalities) {
        Ok(decision) => decision,
        Err(errors) => {
            return page(
                StatusCode::UNPROCESSABLE_ENTITY,
                &ApprovePage {
                    input: form.decision,
                    errors,
                    ..shown
                },
            );
        }
    };
    if shown.needs_confirmation && form.confirm != "yes" && data.meeting.approval.is_none() {
        return page(
            StatusCode::OK,
            &ApprovePage {
                input: form.decision,
                ..shown
            },
        );
    }
    let actor = actor(&user);
    let user_id = user.id.0;
    let mailing = state.mailing();
    let choice = Choice {
        start,
        duration,
        decision,
    };
    let result = db(&state, move |conn| {
        Ok(approval::approve(
            conn,
            id,
            &choice,
            &actor,
            Some(user_id),
            &mailing,
        ))
    })
    .await?;
    match result {
        Ok(Approved::Now) | Ok(Approved::Already) => {
            Ok(see_other(&format!("/meetings/{id}?done=approved")))
        }
        Err(ApproveError::Taken { slot, by, at }) => Err(AppError::Conflict(format!(
            "{by} approved another slot first, {slot}, at {at}. Your choice was not applied; the meeting keeps that slot."
        ))),
        Err(ApproveError::NoSuchSlot) => Err(AppError::Conflict(
            "That slot does not exist in this consultation.".into(),
        )),
        Err(ApproveError::Meeting(e)) => Err(e.into()),
        Err(ApproveError::Database(e)) => Err(AppError::Internal(e.into())),
    }
}
