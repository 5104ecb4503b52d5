//! Replies counted by category, by regional group and in all, so that the
//! participants page and its export count alike.

use std::collections::BTreeMap;

use super::{Category, Response};

/// What counting needs to know of one invitee.
#[derive(Debug, Clone, Copy)]
pub struct Counted<'a> {
    pub category: Category,
    /// The member state's regional group, if any.
    pub group_name: Option<&'a str>,
    pub response: Option<Response>,
    pub delegates: usize,
}

/// Replies counted over some invitees.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub invited: usize,
    pub in_person: usize,
    pub remote: usize,
    pub not_attending: usize,
    pub no_reply: usize,
    pub delegates: usize,
}

impl Tally {
    fn add(&mut self, c: &Counted<'_>) {
        self.invited += 1;
        match c.response {
            Some(Response::InPerson) => self.in_person += 1,
            Some(Response::Remote) => self.remote += 1,
            Some(Response::NotAttending) => self.not_attending += 1,
            None => self.no_reply += 1,
        }
        self.delegates += c.delegates;
    }
}

/// Replies counted by category (in [`Category::ALL`] order, those present),
/// by regional group (member states, by group name), and in all.
#[derive(Debug, Clone, Default)]
pub struct Tallies {
    pub by_category: Vec<(Category, Tally)>,
    pub by_group: Vec<(String, Tally)>,
    pub total: Tally,
}

pub fn tally<'a>(invitees: impl IntoIterator<Item = Counted<'a>>) -> Tallies {
    let mut total = Tally::default();
    let mut categories: Vec<(Category, Tally)> = Vec::new();
    let mut groups: BTreeMap<String, Tally> = BTreeMap::new();
    for c in invitees {
        total.add(&c);
        match categories.iter_mut().find(|(k, _)| *k == c.category) {
            Some((_, t)) => t.add(&c),
            None => {
                let mut t = Tally::default();
                t.add(&c);
                categories.push((c.category, t));
            }
        }
        if c.category == Category::MemberState {
            let group = c.group_name.unwrap_or("No regional group").to_owned();
            groups.entry(group).or_default().add(&c);
        }
    }
    categories.sort_by_key(|(c, _)| *c);
    Tallies {
        by_category: categories,
        by_group: groups.into_iter().collect(),
        total,
    }
}
