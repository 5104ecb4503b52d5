//! The expected texts are CLDR's (through ICU4X), checked by hand against
//! the CLDR patterns of each locale: e.g. English (en-GB) puts a comma after
//! the weekday, French writes the first of the month "1" (not "1er") and
//! the time "18:00", Russian adds "г." after the year.

use super::*;

fn zurich() -> Tz {
    "Europe/Zurich".parse().expect("zone")
}

fn deadline() -> DateTime<Utc> {
    "2027-01-15T17:00:00Z".parse().expect("instant")
}

#[test]
fn an_instant_is_shown_in_the_zone_and_in_utc_in_each_language() {
    let expected = [
        (
            Language::En,
            "Friday, 15 January 2027 at 18:00 CET (Europe/Zurich), that is \
             Friday, 15 January 2027 at 17:00 UTC",
        ),
        (
            Language::Fr,
            "vendredi 15 janvier 2027 à 18:00 CET (Europe/Zurich), soit le \
             vendredi 15 janvier 2027 à 17:00 UTC",
        ),
        (
            Language::Es,
            "viernes, 15 de enero de 2027 a las 18:00 CET (Europe/Zurich), es decir, el \
             viernes, 15 de enero de 2027 a las 17:00 UTC",
        ),
        (
            Language::Ru,
            "пятница, 15 января 2027\u{202f}г. в 18:00 CET (Europe/Zurich), то есть \
             пятница, 15 января 2027\u{202f}г. в 17:00 UTC",
        ),
        (
            Language::Zh,
            "2027年1月15日星期五 18:00 CET (Europe/Zurich)，即 2027年1月15日星期五 17:00 UTC",
        ),
    ];
    for (language, text) in expected {
        assert_eq!(instant(deadline(), zurich(), language), text, "{language}");
    }
}

#[test]
fn arabic_dates_read_right_to_left_with_the_latin_parts_isolated() {
    let text = instant(deadline(), zurich(), Language::Ar);
    assert!(
        text.contains("الجمعة، 15 يناير 2027 في 18:00 CET (Europe/Zurich)"),
        "{text}"
    );
    assert!(text.contains("، أي "), "{text}");
    assert!(
        text.starts_with('\u{2068}') && text.ends_with('\u{2069}'),
        "{text:?}"
    );
}

#[test]
fn an_instant_splits_into_the_zone_and_utc_for_pages() {
    assert_eq!(
        in_zone(deadline(), zurich(), Language::Fr),
        "vendredi 15 janvier 2027 à 18:00 CET (Europe/Zurich)"
    );
    assert_eq!(
        in_utc(deadline(), Language::Es),
        "viernes, 15 de enero de 2027 a las 17:00 UTC"
    );
}

#[test]
fn a_meeting_day_shows_its_hours_in_the_zone_and_in_utc() {
    let (start, end) = (
        "2027-03-29T08:00:00Z".parse().expect("instant"),
        "2027-03-29T16:00:00Z".parse().expect("instant"),
    );
    assert_eq!(
        sitting(start, end, zurich(), Language::En),
        "Monday, 29 March 2027, 10:00–18:00 CEST (Europe/Zurich), that is 08:00–16:00 UTC"
    );
    assert_eq!(
        sitting(start, end, zurich(), Language::Fr),
        "lundi 29 mars 2027, 10:00–18:00 CEST (Europe/Zurich), soit 08:00–16:00 UTC"
    );
    assert_eq!(
        sitting(start, end, zurich(), Language::Zh),
        "2027年3月29日星期一 10:00–18:00 CEST (Europe/Zurich)，即 08:00–16:00 UTC"
    );
}

#[test]
fn the_utc_date_may_differ_from_the_local_one() {
    let zone: Tz = "Asia/Tokyo".parse().expect("zone");
    let late: DateTime<Utc> = "2027-03-01T16:30:00Z".parse().expect("instant");
    let text = instant(late, zone, Language::En);
    assert!(
        text.starts_with("Tuesday, 2 March 2027 at 01:30 JST (Asia/Tokyo)"),
        "{text}"
    );
    assert!(
        text.ends_with("Monday, 1 March 2027 at 16:30 UTC"),
        "{text}"
    );
}

#[test]
fn a_window_runs_from_its_first_to_its_last_day() {
    let day = NaiveDate::from_ymd_opt(2027, 3, 1).expect("date");
    let last = day + chrono::Days::new(11);
    assert_eq!(
        date(day, Language::Fr),
        "lundi 1 mars 2027",
        "CLDR has no 1er"
    );
    assert_eq!(
        window(day, last, Language::Es),
        "del lunes, 1 de marzo de 2027 al viernes, 12 de marzo de 2027"
    );
    assert_eq!(
        window(day, last, Language::Ru),
        "понедельник, 1 марта 2027\u{202f}г. — пятница, 12 марта 2027\u{202f}г."
    );
    assert_eq!(
        window(day, last, Language::Zh),
        "2027年3月1日星期一至2027年3月12日星期五"
    );
}

#[test]
fn every_language_uses_the_24_hour_clock() {
    let evening: DateTime<Utc> = "2027-06-01T20:05:00Z".parse().expect("instant");
    for language in Language::ALL {
        let text = in_utc(evening, language);
        assert!(text.contains("20:05"), "{language}: {text}");
        assert!(
            !text.contains("PM") && !text.contains("下午"),
            "{language}: {text}"
        );
    }
}

#[test]
fn numbers_are_grouped_as_each_language_groups_them() {
    assert_eq!(number(1234, Language::En), "1,234");
    assert_eq!(number(1234567, Language::Fr), "1\u{202f}234\u{202f}567");
    assert_eq!(
        number(7, Language::Ar),
        "7",
        "CLDR's Arabic uses Latin digits"
    );
}

#[test]
fn a_text_written_again_is_the_one_kept_and_only_the_last_few_are_kept() {
    let key = |minutes: i64| {
        Written::Instant(
            deadline() + chrono::Duration::minutes(minutes),
            zurich(),
            Language::Fr,
        )
    };
    let calls = std::cell::Cell::new(0);
    let write = |text: &str| {
        calls.set(calls.get() + 1);
        text.to_owned()
    };
    assert_eq!(recently_written(key(0), || write("first")), "first");
    // The same key: the kept text, not written again.
    assert_eq!(recently_written(key(0), || write("other")), "first");
    assert_eq!(calls.get(), 1);
    // Another language or zone is another key.
    let english = Written::Instant(deadline(), zurich(), Language::En);
    assert_eq!(recently_written(english, || write("english")), "english");
    let sitting = Written::Sitting(deadline(), deadline(), zurich(), Language::Fr);
    assert_eq!(recently_written(sitting, || write("sitting")), "sitting");
    assert_eq!(calls.get(), 3);
    // KEPT more push the first out; it is written again.
    for n in 1..=KEPT as i64 {
        recently_written(key(n), || write("more"));
    }
    assert_eq!(recently_written(key(0), || write("again")), "again");
    assert_eq!(RECENT.with_borrow(VecDeque::len), KEPT);
}

#[test]
fn a_kept_instant_reads_as_one_written_afresh() {
    let at = deadline();
    for language in [Language::En, Language::Fr, Language::Zh] {
        let first = instant(at, zurich(), language);
        let kept = instant(at, zurich(), language);
        let fresh = std::thread::spawn(move || instant(at, zurich(), language))
            .join()
            .expect("thread");
        assert_eq!(first, kept);
        assert_eq!(kept, fresh);
    }
}
