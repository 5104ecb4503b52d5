//! Pure types and rules: no database, web framework or mail transport here.

pub mod answer;
pub mod decision;
pub mod directory;
pub mod email;
pub mod ical;
pub mod ids;
pub mod invitation;
pub mod language;
pub mod meeting;
pub mod messages;
pub mod names;
pub mod password;
pub mod proposals;
pub mod schedule;
pub mod seal;
pub mod spreadsheet;
pub mod text;
pub mod token;
pub mod units;

pub use email::EmailAddress;
pub use ids::UserId;
pub use password::NewPassword;
