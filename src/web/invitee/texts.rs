//! The words of the reply page in English, French and Spanish, one block per
//! language so that a translator reads each sentence whole.
//!
//! A sentence that names someone carries a `{name}` placeholder (`{invitee}`,
//! `{recipient}`, `{title}`, `{by}`, `{at}`, `{function}`, `{max}`) filled by
//! [`fill`], since word order differs between the languages. The wording
//! follows the invitation emails: formal, the recipient addressed as
//! "vous" / "usted", modalities named as the emails name them.

use crate::domain::invitation::{MAX_DELEGATES, MAX_NOTE, MAX_TEXT, ReplyError, Response};
use crate::i18n::Language;

/// Everything the reply page says, in one language.
pub struct Texts {
    pub page_title: &'static str,
    pub invitation_for: &'static str,
    pub saved_notice: &'static str,
    pub started: &'static str,
    pub cancelled: &'static str,
    pub not_open: &'static str,
    pub nothing_saved: &'static str,
    pub not_saved: &'static str,
    pub correct_fields: &'static str,
    pub purpose: &'static str,
    pub organiser: &'static str,
    pub invited: &'static str,
    pub starts: &'static str,
    pub ends: &'static str,
    pub modality: &'static str,
    pub modalities: &'static str,
    pub venue: &'static str,
    /// Where to join remotely.
    pub remote_link: &'static str,
    pub personal_link: &'static str,
    pub reply_heading: &'static str,
    pub attendance: &'static str,
    pub delegation: &'static str,
    pub nobody_named: &'static str,
    pub note: &'static str,
    pub last_saved: &'static str,
    pub saved_by: &'static str,
    pub no_reply: &'static str,
    pub will_attend: &'static str,
    pub in_person: &'static str,
    pub remote: &'static str,
    pub not_attending: &'static str,
    pub delegation_hint: &'static str,
    pub name: &'static str,
    pub function: &'static str,
    /// Read after "Name" or "Function" and before the row's number, for
    /// screen readers.
    pub of_delegate: &'static str,
    pub note_label: &'static str,
    pub save: &'static str,
    pub choose_response: &'static str,
    pub online_only: &'static str,
    pub no_remote: &'static str,
    pub nameless_delegate: &'static str,
    pub delegate_too_long: &'static str,
    pub too_many_delegates: &'static str,
    pub note_too_long: &'static str,
    pub delegate_characters: &'static str,
    pub note_characters: &'static str,
}

const EN: Texts = Texts {
    page_title: "Reply: {title}",
    invitation_for: "Invitation for",
    saved_notice: "Thank you: your reply is saved. Everyone invited for {invitee} sees this \
                   reply and can change it until the meeting starts.",
    started: "The meeting has started, so replies can no longer be changed.",
    cancelled: "This meeting has been cancelled, so replies are closed.",
    not_open: "Replies to this invitation are not open.",
    nothing_saved: "Nothing was saved.",
    not_saved: "Your reply was not saved.",
    correct_fields: "Correct the fields marked below.",
    purpose: "Purpose",
    organiser: "Organiser",
    invited: "Invited",
    starts: "Starts",
    ends: "Ends",
    modality: "Modality",
    modalities: "Modalities offered",
    venue: "Venue",
    remote_link: "Join online",
    personal_link: "This link is personal to {recipient}: please do not forward it. Everyone \
                    invited for {invitee} gives one reply together; the last one saved counts.",
    reply_heading: "The reply of {invitee}",
    attendance: "Attendance",
    delegation: "Delegation",
    nobody_named: "nobody named",
    note: "Note",
    last_saved: "Last saved",
    saved_by: "by {by}, {at}",
    no_reply: "No reply has been given yet.",
    will_attend: "Will {invitee} attend?",
    in_person: "Attending in person",
    remote: "Attending remotely",
    not_attending: "Not attending",
    delegation_hint: "The people attending for {invitee}, with their function. Empty rows are \
                      left out; no delegation is kept when not attending. For more people, \
                      save: three more empty rows appear.",
    name: "Name",
    function: "Function",
    of_delegate: " of delegate",
    note_label: "Note for the secretariat (optional)",
    save: "Save the reply",
    choose_response: "Choose whether you will attend.",
    online_only: "This meeting takes place online only.",
    no_remote: "This meeting cannot be followed remotely.",
    nameless_delegate: "Give the name of the delegate whose function is “{function}”.",
    delegate_too_long: "Names and functions are at most {max} characters.",
    too_many_delegates: "A delegation has at most {max} members.",
    note_too_long: "The note is at most {max} characters.",
    delegate_characters: "Write each name and function on one line, without control characters.",
    note_characters: "Remove the control characters (such as NUL) from the note.",
};

const FR: Texts = Texts {
    page_title: "Réponse : {title}",
    invitation_for: "Invitation adressée à",
    saved_notice: "Nous vous remercions : votre réponse a été enregistrée. Toutes les \
                   personnes invitées au nom de {invitee} voient cette réponse et peuvent la \
                   modifier jusqu’au début de la réunion.",
    started: "La réunion a commencé : la réponse ne peut plus être modifiée.",
    cancelled: "Cette réunion a été annulée : les réponses sont closes.",
    not_open: "Les réponses à cette invitation ne sont pas ouvertes.",
    nothing_saved: "Rien n’a été enregistré.",
    not_saved: "Votre réponse n’a pas été enregistrée.",
    correct_fields: "Veuillez corriger les champs signalés ci-dessous.",
    purpose: "Objet",
    organiser: "Organisateur",
    invited: "Partie invitée",
    starts: "Début",
    ends: "Fin",
    modality: "Modalité",
    modalities: "Modalités proposées",
    venue: "Lieu",
    remote_link: "Participation à distance",
    personal_link: "Ce lien est personnel et réservé à {recipient} : merci de ne pas le \
                    transférer. Les personnes invitées au nom de {invitee} donnent une seule \
                    réponse commune ; la dernière enregistrée fait foi.",
    reply_heading: "La réponse de {invitee}",
    attendance: "Participation",
    delegation: "Délégation",
    nobody_named: "aucune personne indiquée",
    note: "Note",
    last_saved: "Dernier enregistrement",
    saved_by: "par {by}, le {at}",
    no_reply: "Aucune réponse n’a encore été donnée.",
    will_attend: "Participation de {invitee} à la réunion",
    in_person: "En présentiel",
    remote: "À distance",
    not_attending: "Ne participera pas",
    delegation_hint: "Les personnes qui participeront au nom de {invitee}, avec leur fonction. \
                      Les lignes vides sont ignorées ; aucune délégation n’est conservée en cas \
                      de non-participation. Pour indiquer d’autres personnes, enregistrez : \
                      trois nouvelles lignes vides apparaissent.",
    name: "Nom",
    function: "Fonction",
    of_delegate: " de la personne",
    note_label: "Note à l’intention du Secrétariat (facultatif)",
    save: "Enregistrer la réponse",
    choose_response: "Veuillez indiquer si vous participerez à la réunion.",
    online_only: "Cette réunion se tient uniquement en ligne.",
    no_remote: "Cette réunion ne peut pas être suivie à distance.",
    nameless_delegate: "Veuillez indiquer le nom de la personne dont la fonction est « {function} ».",
    delegate_too_long: "Les noms et les fonctions comptent au plus {max} caractères.",
    too_many_delegates: "Une délégation compte au plus {max} membres.",
    note_too_long: "La note compte au plus {max} caractères.",
    delegate_characters: "Écrivez chaque nom et chaque fonction sur une ligne, sans caractères de contrôle.",
    note_characters: "Retirez les caractères de contrôle (comme NUL) de la note.",
};

const ES: Texts = Texts {
    page_title: "Respuesta: {title}",
    invitation_for: "Invitación dirigida a",
    saved_notice: "Le agradecemos su respuesta, que ha quedado registrada. Todas las personas \
                   invitadas en nombre de {invitee} ven esta respuesta y pueden modificarla \
                   hasta el inicio de la reunión.",
    started: "La reunión ya ha comenzado: la respuesta ya no puede modificarse.",
    cancelled: "Esta reunión ha sido cancelada: ya no se admiten respuestas.",
    not_open: "Las respuestas a esta invitación no están abiertas.",
    nothing_saved: "No se ha registrado nada.",
    not_saved: "Su respuesta no se ha registrado.",
    correct_fields: "Le rogamos que corrija los campos señalados a continuación.",
    purpose: "Objetivo",
    organiser: "Organizador",
    invited: "Parte invitada",
    starts: "Inicio",
    ends: "Fin",
    modality: "Modalidad",
    modalities: "Modalidades propuestas",
    venue: "Lugar",
    remote_link: "Participación a distancia",
    personal_link: "Este enlace es personal y está reservado a {recipient}: le rogamos que no \
                    lo reenvíe. Las personas invitadas en nombre de {invitee} dan una única \
                    respuesta común; la última registrada es la que cuenta.",
    reply_heading: "La respuesta de {invitee}",
    attendance: "Participación",
    delegation: "Delegación",
    nobody_named: "ninguna persona indicada",
    note: "Nota",
    last_saved: "Último registro",
    saved_by: "por {by}, el {at}",
    no_reply: "Todavía no se ha dado ninguna respuesta.",
    will_attend: "Participación de {invitee} en la reunión",
    in_person: "Presencial",
    remote: "A distancia",
    not_attending: "No participará",
    delegation_hint: "Las personas que participarán en nombre de {invitee}, con su cargo. Las \
                      filas vacías no se tienen en cuenta; si no se participa, no se conserva \
                      ninguna delegación. Para indicar más personas, guarde: aparecerán tres \
                      filas vacías más.",
    name: "Nombre",
    function: "Cargo",
    of_delegate: " de la persona",
    note_label: "Nota para la Secretaría (opcional)",
    save: "Guardar la respuesta",
    choose_response: "Le rogamos que indique si participará en la reunión.",
    online_only: "Esta reunión se celebra únicamente en línea.",
    no_remote: "Esta reunión no puede seguirse a distancia.",
    nameless_delegate: "Le rogamos que indique el nombre de la persona cuyo cargo es «{function}».",
    delegate_too_long: "Los nombres y los cargos tienen como máximo {max} caracteres.",
    too_many_delegates: "Una delegación tiene como máximo {max} miembros.",
    note_too_long: "La nota tiene como máximo {max} caracteres.",
    delegate_characters: "Escriba cada nombre y cada cargo en una línea, sin caracteres de control.",
    note_characters: "Quite los caracteres de control (como NUL) de la nota.",
};

/// The reply page's words in `language`.
pub fn texts(language: Language) -> &'static Texts {
    match page_language(language) {
        Language::Fr => &FR,
        Language::Es => &ES,
        _ => &EN,
    }
}

/// The language the reply page is shown in: the recipient's when this
/// table has it, else English, so that the page's `lang`, its words and its
/// dates agree. Arabic, Chinese and Russian read English here until the
/// page takes its words from the Fluent messages as the emails do.
pub fn page_language(language: Language) -> Language {
    match language {
        Language::En | Language::Fr | Language::Es => language,
        Language::Ar | Language::Ru | Language::Zh => Language::En,
    }
}

impl Texts {
    /// A response as the choices and the saved reply name it.
    pub fn response(&self, response: Response) -> &'static str {
        match response {
            Response::InPerson => self.in_person,
            Response::Remote => self.remote,
            Response::NotAttending => self.not_attending,
        }
    }

    /// The message shown at the field a reply error is about.
    pub fn error(&self, error: &ReplyError) -> String {
        let max = |text: &str, max: usize| fill(text, &[("max", &max.to_string())]);
        match error {
            ReplyError::NoResponse => self.choose_response.to_owned(),
            ReplyError::NotOffered(Response::InPerson) => self.online_only.to_owned(),
            ReplyError::NotOffered(_) => self.no_remote.to_owned(),
            ReplyError::NamelessDelegate { function } => {
                fill(self.nameless_delegate, &[("function", function)])
            }
            ReplyError::DelegateTooLong => max(self.delegate_too_long, MAX_TEXT),
            ReplyError::TooManyDelegates => max(self.too_many_delegates, MAX_DELEGATES),
            ReplyError::NoteTooLong => max(self.note_too_long, MAX_NOTE),
            ReplyError::DelegateCharacters => self.delegate_characters.to_owned(),
            ReplyError::NoteCharacters => self.note_characters.to_owned(),
        }
    }
}

/// `text` with each `{key}` replaced by its value. A value is inserted as
/// is, never read for placeholders itself.
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let key = &after[..close];
            values
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| (*v, close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [&Texts; 3] = [&EN, &FR, &ES];

    /// The placeholders of a text, in order.
    fn placeholders(text: &str) -> Vec<&str> {
        text.split('{')
            .skip(1)
            .filter_map(|part| part.split_once('}').map(|(key, _)| key))
            .collect()
    }

    fn fields(t: &Texts) -> Vec<&'static str> {
        vec![
            t.page_title,
            t.saved_notice,
            t.personal_link,
            t.reply_heading,
            t.saved_by,
            t.will_attend,
            t.delegation_hint,
            t.nameless_delegate,
            t.delegate_too_long,
            t.too_many_delegates,
            t.note_too_long,
        ]
    }

    #[test]
    fn every_language_fills_the_same_placeholders() {
        for t in ALL {
            for (text, english) in fields(t).into_iter().zip(fields(&EN)) {
                let mut mine = placeholders(text);
                let mut theirs = placeholders(english);
                mine.sort_unstable();
                theirs.sort_unstable();
                assert_eq!(mine, theirs, "{text}");
            }
        }
    }

    #[test]
    fn a_value_is_inserted_without_being_read_for_placeholders() {
        assert_eq!(
            fill("{by}, {at} {unknown}", &[("by", "{at}"), ("at", "lundi")]),
            "{at}, lundi {unknown}"
        );
        assert_eq!(fill("{", &[]), "{");
    }

    #[test]
    fn errors_read_in_the_language_with_their_limits() {
        let fr = texts(Language::Fr);
        assert_eq!(
            fr.error(&ReplyError::NamelessDelegate {
                function: "Conseiller".into()
            }),
            "Veuillez indiquer le nom de la personne dont la fonction est « Conseiller »."
        );
        assert_eq!(
            texts(Language::Es).error(&ReplyError::NoteTooLong),
            "La nota tiene como máximo 2000 caracteres."
        );
        assert_eq!(
            texts(Language::En).error(&ReplyError::NotOffered(Response::Remote)),
            "This meeting cannot be followed remotely."
        );
    }
}
