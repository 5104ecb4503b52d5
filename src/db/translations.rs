//! The secretariat's translations of its own texts (group names, meeting
//! titles and purposes), and names in a reader's language: what a message
//! or a personal page says to a person whose language is not English.

use diesel::prelude::*;

use super::DbConnection;
use super::schema::{group_names, meeting_texts, member_states, regional_groups};
use crate::domain::language::Language;
use crate::domain::meeting::MeetingSettings;
use crate::domain::names::{self, Translations};

/// A meeting's translated titles and purposes.
pub fn meeting_texts(
    conn: &mut DbConnection,
    meeting_id: i64,
) -> QueryResult<(Translations, Translations)> {
    // On the concrete connection: read with the meeting on every request
    // of a personal page (see `consultation::link_by_token`).
    let rows: Vec<(String, String, String)> = crate::with_backend!(conn, |c| meeting_texts::table
        .filter(meeting_texts::meeting_id.eq(meeting_id))
        .select((
            meeting_texts::language,
            meeting_texts::title,
            meeting_texts::purpose,
        ))
        .load(c))?;
    let titles = rows.iter().map(|(l, t, _)| (l.clone(), t.clone()));
    let purposes = rows.iter().map(|(l, _, p)| (l.clone(), p.clone()));
    Ok((
        Translations::from_rows(titles),
        Translations::from_rows(purposes),
    ))
}

/// Replaces a meeting's translations; the caller holds the transaction that
/// saves the rest of its settings.
pub fn write_meeting_texts(
    conn: &mut DbConnection,
    meeting_id: i64,
    settings: &MeetingSettings,
) -> QueryResult<()> {
    diesel::delete(meeting_texts::table.filter(meeting_texts::meeting_id.eq(meeting_id)))
        .execute(conn)?;
    for lang in Language::OTHERS.map(Language::tag) {
        let title = settings.title_translations.get(lang).unwrap_or("");
        let purpose = settings.purpose_translations.get(lang).unwrap_or("");
        if title.is_empty() && purpose.is_empty() {
            continue;
        }
        diesel::insert_into(meeting_texts::table)
            .values((
                meeting_texts::meeting_id.eq(meeting_id),
                meeting_texts::language.eq(lang),
                meeting_texts::title.eq(title),
                meeting_texts::purpose.eq(purpose),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// A group's translated names.
pub fn group_names(conn: &mut DbConnection, group_id: i64) -> QueryResult<Translations> {
    let rows: Vec<(String, String)> = crate::with_backend!(conn, |c| group_names::table
        .filter(group_names::group_id.eq(group_id))
        .select((group_names::language, group_names::name))
        .load(c))?;
    Ok(Translations::from_rows(rows))
}

/// Replaces a group's translated names; the caller holds the transaction.
pub fn write_group_names(
    conn: &mut DbConnection,
    group_id: i64,
    names: &Translations,
) -> QueryResult<()> {
    diesel::delete(group_names::table.filter(group_names::group_id.eq(group_id))).execute(conn)?;
    for (lang, name) in names.iter() {
        diesel::insert_into(group_names::table)
            .values((
                group_names::group_id.eq(group_id),
                group_names::language.eq(lang),
                group_names::name.eq(name),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// A group's name for a reader of `lang` (any tag): its translation, else
/// its default name.
pub fn group_name_in(conn: &mut DbConnection, group_id: i64, lang: &str) -> QueryResult<String> {
    let default: String = regional_groups::table
        .find(group_id)
        .select(regional_groups::name)
        .first(conn)?;
    let names = group_names(conn, group_id)?;
    Ok(names.resolve(&default, lang).text.to_owned())
}

/// A member state's name for a reader of `lang`: see
/// [`names::state_name`]; `name` is the English one (the invitee's name as
/// stored when the invitations went out, or the directory's), kept when
/// the state has left the directory.
pub fn state_name_in(
    conn: &mut DbConnection,
    member_state_id: i64,
    name: &str,
    lang: &str,
) -> QueryResult<String> {
    let iso2: Option<String> = member_states::table
        .find(member_state_id)
        .select(member_states::iso2)
        .first(conn)
        .optional()?;
    Ok(match iso2 {
        Some(iso2) => names::state_name(name, &iso2, lang),
        None => name.to_owned(),
    })
}
