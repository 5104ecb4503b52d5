#!/usr/bin/env python3
"""The two pages of issue 11, goal 3, set up in a running convene for a load
generator such as wrk:

  - a coordinator's form over six months of weekdays, answered per day
    (about 130 units; a saved answer, so that every unit shows a checked
    radio), and the same answered per half-day;
  - the proposals page of a consultation of the seven reference groups over a
    year of weekday half-days (7 x 522 cells), six groups answered (a mix of
    every choice), one silent, then closed.

It talks HTTP to the server like a browser, except for two shortcuts in the
SQLite database: one coordinator contact per reference group, and reading
the personal links from the .eml files the server writes when no SMTP server
is set. It prints shell assignments: FORM_URL, HALF_DAY_FORM_URL,
PROPOSALS_URL and COOKIE (the
secretariat's session, for `wrk -H "Cookie: $COOKIE"`).

  convene user add --email bench@example.org <<< 'bench password 12345'
  convene serve &   # with DATABASE_URL=<file> and CONVENE_MAIL_DIR=<dir>
  eval "$(python3 benches/pages_data.py http://127.0.0.1:8080 <file> <dir>)"
"""

import datetime
import glob
import http.cookiejar
import os
import re
import sqlite3
import sys
import time
import urllib.parse
import urllib.request

EMAIL = os.environ.get("BENCH_EMAIL", "bench@example.org")
PASSWORD = os.environ.get("BENCH_PASSWORD", "bench password 12345")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def request(self, path, fields=None):
        data = urllib.parse.urlencode(fields).encode() if fields is not None else None
        try:
            with self.opener.open(self.base + path, data) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read().decode()

    def submit(self, page, action, fields):
        _, _, html = self.request(page)
        token = re.search(r'name="csrf_token" value="([^"]*)"', html).group(1)
        status, headers, body = self.request(action, [("csrf_token", token)] + fields)
        if status != 303:
            sys.exit(f"POST {action}: {status}\n{body[:2000]}")
        return headers.get("Location", "")

    def cookie(self):
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


def meeting(browser, groups, months, granularity, title):
    start = datetime.date.today() + datetime.timedelta(days=30)
    start += datetime.timedelta(days=(7 - start.weekday()) % 7)
    month = start.month - 1 + months
    end = datetime.date(start.year + month // 12, month % 12 + 1, start.day) - datetime.timedelta(days=1)
    deadline = (datetime.datetime.now() + datetime.timedelta(days=10)).strftime("%Y-%m-%dT12:00")
    fields = [
        ("title", title),
        ("purpose", "Agree on the dates of an ad hoc informal meeting."),
        ("organiser", "Copyright Law Division"),
        ("time_zone", "Europe/Zurich"),
        ("window_start", start.isoformat()),
        ("window_end", end.isoformat()),
        ("granularity", granularity),
        ("durations", "1, 2, 3"),
        ("excluded", ""),
        ("morning_start", "10:00"),
        ("morning_end", "13:00"),
        ("afternoon_start", "15:00"),
        ("afternoon_end", "18:00"),
        ("deadline", deadline),
        ("quorum", "all"),
        ("reminder_days", "7, 2"),
    ]
    fields += [("working_days", str(d)) for d in range(1, 6)]
    fields += [("modalities", m) for m in ("in_person", "hybrid", "virtual")]
    fields += [("groups", str(g)) for g in groups]
    location = browser.submit("/meetings/new", "/meetings", fields)
    meeting_id = int(location.rsplit("/", 1)[1])
    browser.submit(f"/meetings/{meeting_id}", f"/meetings/{meeting_id}/open", [])
    return meeting_id


def tokens(mail_dir, meeting_title, count):
    """The personal links mailed for the meeting titled so, by recipient."""
    for _ in range(600):
        found = {}
        for path in glob.glob(os.path.join(mail_dir, "*.eml")):
            # Quoted-printable: undo the soft line breaks.
            raw = open(path, encoding="utf-8", errors="replace").read().replace("=\n", "")
            if meeting_title not in raw:
                continue
            to = re.search(r"^To: .*?<?([\w.@-]+)>?$", raw, re.M).group(1)
            token = re.search(r"/c/([0-9a-f]{64})", raw)
            if token:
                found[to] = token.group(1)
        if len(found) >= count:
            return found
        time.sleep(0.1)
    sys.exit(f"only {len(found)} links mailed for {meeting_title}")


def answer(html, pick):
    fields, seen = [], set()
    for key in re.findall(r'name="?u\.([^"\s>]+)', html):
        if key not in seen:
            seen.add(key)
            fields.append((f"u.{key}", pick(len(fields))))
    fields += [("accepted", v) for v in re.findall(r'name="accepted" value="([^"]+)"', html)]
    return fields


def main():
    base, database, mail_dir = sys.argv[1:4]
    db = sqlite3.connect(database)
    groups = [row[0] for row in db.execute("SELECT id FROM regional_groups ORDER BY id")][:7]
    for i, group in enumerate(groups):
        email = f"coordinator{i}@bench.example"
        if not db.execute("SELECT 1 FROM contacts WHERE email = ?", (email,)).fetchone():
            db.execute(
                "INSERT INTO contacts (name, email, language, coordinator_of, invitation_recipient, created_at)"
                " VALUES (?, ?, 'en', ?, 1, strftime('%Y-%m-%d %H:%M:%f', 'now'))",
                (f"Coordinator {i}", email, group),
            )
    db.commit()

    secretariat = Browser(base)
    secretariat.submit("/login", "/login", [("email", EMAIL), ("password", PASSWORD)])
    stamp = int(time.time())

    three = ("yes", "if_need_be", "no")
    forms = {}
    for name, granularity in (("FORM_URL", "day"), ("HALF_DAY_FORM_URL", "half_day")):
        title = f"Six months, {granularity} {stamp}"
        meeting(secretariat, groups[:1], 6, granularity, title)
        token = tokens(mail_dir, title, 1)["coordinator0@bench.example"]
        coordinator = Browser(base)
        _, _, html = coordinator.request(f"/c/{token}")
        coordinator.submit(f"/c/{token}", f"/c/{token}", answer(html, lambda i: three[i % 3]))
        forms[name] = f"{base}/c/{token}"

    map_title = f"A year of half-days {stamp}"
    meeting_id = meeting(secretariat, groups, 12, "half_day", map_title)
    links = tokens(mail_dir, map_title, len(groups))
    ten = ("yes",) * 6 + ("if_need_be",) * 2 + ("no",) * 2
    for g in range(len(groups) - 1):
        token = links[f"coordinator{g}@bench.example"]
        coordinator = Browser(base)
        _, _, html = coordinator.request(f"/c/{token}")
        fields = answer(html, lambda i, g=g: ten[(i * 7 + g * 13) % 10])
        coordinator.submit(f"/c/{token}", f"/c/{token}", fields)
    secretariat.submit(f"/meetings/{meeting_id}", f"/meetings/{meeting_id}/close", [])

    for name, url in forms.items():
        print(f"{name}='{url}'")
    print(f"PROPOSALS_URL='{base}/meetings/{meeting_id}/proposals'")
    print(f"COOKIE='{secretariat.cookie()}'")

if __name__ == "__main__":
    main()
