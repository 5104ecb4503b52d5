//! The invitee list as the secretariat chose it and as the directory fills
//! it: whom it names, through which addresses, and how it is counted.

use super::{Category, Guest};

/// What the secretariat chose: the rules, the organisations picked one by
/// one, and the extra addresses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListChoice {
    pub all_observers: bool,
    pub all_igos: bool,
    pub all_ngos: bool,
    pub organisations: Vec<i64>,
    pub guests: Vec<Guest>,
}

impl ListChoice {
    /// Whether the list names an organisation of this category, observer
    /// status and id: by one of its rules or picked one by one.
    pub fn chooses(&self, category: Category, observer: bool, id: i64) -> bool {
        (self.all_observers && observer)
            || (self.all_igos && category == Category::Igo)
            || (self.all_ngos && category == Category::Ngo)
            || self.organisations.contains(&id)
    }
}

/// One person an invitation goes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedRecipient {
    pub contact_id: Option<i64>,
    pub name: String,
    pub email: String,
    pub language: String,
}

/// Whom the list invites, and through which addresses.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Party {
    State(i64),
    Organisation(i64),
    Guest(i64),
}

#[derive(Debug, Clone)]
pub struct PlannedInvitee {
    pub party: Party,
    pub category: Category,
    pub name: String,
    pub group_name: Option<String>,
    pub recipients: Vec<PlannedRecipient>,
}

/// The invitee list as the directory gives it now.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub invitees: Vec<PlannedInvitee>,
}

/// Counts of one category on a list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PlanCount {
    pub invitees: usize,
    pub reachable: usize,
    pub recipients: usize,
}

impl Plan {
    /// Counts per category, in [`Category::ALL`] order, and the total.
    pub fn counts(&self) -> (Vec<(Category, PlanCount)>, PlanCount) {
        let mut total = PlanCount::default();
        let rows = Category::ALL
            .into_iter()
            .map(|category| {
                let mut count = PlanCount::default();
                for i in self.invitees.iter().filter(|i| i.category == category) {
                    count.invitees += 1;
                    count.reachable += usize::from(!i.recipients.is_empty());
                    count.recipients += i.recipients.len();
                }
                total.invitees += count.invitees;
                total.reachable += count.reachable;
                total.recipients += count.recipients;
                (category, count)
            })
            .collect();
        (rows, total)
    }

    /// Invitees the list names but no address reaches.
    pub fn lacking(&self) -> impl Iterator<Item = &PlannedInvitee> {
        self.invitees.iter().filter(|i| i.recipients.is_empty())
    }
}
