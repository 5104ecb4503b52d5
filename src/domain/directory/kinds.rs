//! The closed vocabularies of the directory: kinds of organisation and how
//! sure we are of a state's regional group.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KindError {
    #[error("the kind of organisation is IGO or NGO")]
    Organisation,
    #[error(
        "the confidence is one of sourced, sourced-indirect, inferred, inferred-review, uncertain, confirmed"
    )]
    Confidence,
}

/// Intergovernmental or non-governmental organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OrganisationKind {
    Igo,
    Ngo,
}

impl OrganisationKind {
    pub const ALL: [OrganisationKind; 2] = [OrganisationKind::Igo, OrganisationKind::Ngo];

    /// Accepts `IGO`/`NGO` in any case, as people write them.
    pub fn parse(input: &str) -> Result<OrganisationKind, KindError> {
        match input.trim().to_ascii_lowercase().as_str() {
            "igo" => Ok(OrganisationKind::Igo),
            "ngo" => Ok(OrganisationKind::Ngo),
            _ => Err(KindError::Organisation),
        }
    }

    /// The stored form (the column's CHECK constraint allows `igo` and `ngo`).
    pub fn as_str(self) -> &'static str {
        match self {
            OrganisationKind::Igo => "igo",
            OrganisationKind::Ngo => "ngo",
        }
    }

    /// How people write it.
    pub fn label(self) -> &'static str {
        match self {
            OrganisationKind::Igo => "IGO",
            OrganisationKind::Ngo => "NGO",
        }
    }
}

impl fmt::Display for OrganisationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// How a state's regional group is known. Reference data may rest on
/// inference (see the data's `sources.md`); the secretariat turns any value
/// into `Confirmed` by checking it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Confidence {
    Sourced,
    SourcedIndirect,
    Inferred,
    InferredReview,
    Uncertain,
    Confirmed,
}

impl Confidence {
    pub const ALL: [Confidence; 6] = [
        Confidence::Sourced,
        Confidence::SourcedIndirect,
        Confidence::Inferred,
        Confidence::InferredReview,
        Confidence::Uncertain,
        Confidence::Confirmed,
    ];

    pub fn parse(input: &str) -> Result<Confidence, KindError> {
        let wanted = input.trim().to_ascii_lowercase();
        Confidence::ALL
            .into_iter()
            .find(|c| c.as_str() == wanted)
            .ok_or(KindError::Confidence)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Sourced => "sourced",
            Confidence::SourcedIndirect => "sourced-indirect",
            Confidence::Inferred => "inferred",
            Confidence::InferredReview => "inferred-review",
            Confidence::Uncertain => "uncertain",
            Confidence::Confirmed => "confirmed",
        }
    }

    /// Only a named source or the secretariat's own check is good enough to
    /// invite and consult on; everything else asks for confirmation.
    pub fn needs_confirmation(self) -> bool {
        !matches!(self, Confidence::Sourced | Confidence::Confirmed)
    }

    /// The confidence after the secretariat saves a state's form: choosing
    /// another group is its own decision, so it is confirmed; keeping the
    /// group keeps what was known about it.
    pub fn after_edit(self, group_changed: bool) -> Confidence {
        if group_changed {
            Confidence::Confirmed
        } else {
            self
        }
    }

    /// The memberships to check first: a best guess, or a placement that
    /// departs from the obvious reading.
    pub fn is_doubtful(self) -> bool {
        matches!(self, Confidence::Uncertain | Confidence::InferredReview)
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organisation_kinds_parse_in_any_case_and_store_lower_case() {
        assert_eq!(OrganisationKind::parse("IGO"), Ok(OrganisationKind::Igo));
        assert_eq!(OrganisationKind::parse(" ngo "), Ok(OrganisationKind::Ngo));
        assert_eq!(OrganisationKind::Igo.as_str(), "igo");
        assert_eq!(OrganisationKind::Ngo.label(), "NGO");
        assert_eq!(
            OrganisationKind::parse("company"),
            Err(KindError::Organisation)
        );
    }

    #[test]
    fn every_confidence_round_trips_and_only_sourced_and_confirmed_are_trusted() {
        for confidence in Confidence::ALL {
            assert_eq!(Confidence::parse(confidence.as_str()), Ok(confidence));
        }
        assert_eq!(
            Confidence::parse("Inferred-Review"),
            Ok(Confidence::InferredReview)
        );
        assert!(Confidence::parse("probably").is_err());
        let flagged: Vec<_> = Confidence::ALL
            .into_iter()
            .filter(|c| c.needs_confirmation())
            .collect();
        assert_eq!(
            flagged,
            [
                Confidence::SourcedIndirect,
                Confidence::Inferred,
                Confidence::InferredReview,
                Confidence::Uncertain
            ]
        );
        assert!(Confidence::Uncertain.is_doubtful());
        assert!(Confidence::InferredReview.is_doubtful());
        assert!(!Confidence::Inferred.is_doubtful());
        assert_eq!(
            Confidence::Uncertain.after_edit(false),
            Confidence::Uncertain
        );
        assert_eq!(
            Confidence::Uncertain.after_edit(true),
            Confidence::Confirmed
        );
    }
}
