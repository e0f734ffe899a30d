"""Write ``samples/tech-conference.yaml``: a three-day, five-track conference.

Run ``python samples/make_tech_conference.py`` from the repository root. The
output is deterministic (a fixed random seed), so re-running it changes the
file only when this script changes. The YAML is the artefact; this script is
how it was made: 115 talks in five tracks, five two-period workshops that need
tables, four exclusive keynotes pinned to the main hall, 100 speakers (some
with several talks, some free on one day only) and six rooms.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import yaml

from planner.domain.model import Problem
from planner.domain.validation import check_problem

SEED = 2026
DAYS = (dt.date(2026, 9, 23), dt.date(2026, 9, 24), dt.date(2026, 9, 25))
TALK_PERIODS = ("s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10")
MORNING = ("s1", "s2", "s3", "s4")
WORKSHOP_PERIODS = ("s1", "s2", "s3", "s5", "s6", "s7", "s8", "s9", "s10")  # no workshop over lunch
TALKS_PER_TRACK = 23
OUT = Path(__file__).with_name("tech-conference.yaml")

TRACKS = {
    "cloud": (
        "Cloud & Infrastructure",
        "Kubernetes operators|service meshes|GitOps pipelines|serverless cold starts|"
        "multi-region failover|infrastructure as code|edge computing|platform engineering|container security "
        "scanning|autoscaling policies|observability budgets|eBPF networking",
    ),
    "data": (
        "Data & AI",
        "vector databases|LLM evaluation|feature stores|streaming joins|data contracts|model "
        "monitoring|retrieval-augmented generation|lakehouse tables|GPU scheduling|synthetic data|"
        "privacy-preserving analytics|fine-tuning small models",
    ),
    "security": (
        "Security",
        "supply-chain attacks|SBOMs|passkeys|zero-trust networks|fuzzing|secrets management|"
        "threat modelling|memory-safe rewrites|incident response|WebAuthn|sandboxing with WebAssembly|"
        "post-quantum TLS",
    ),
    "web": (
        "Web & Mobile",
        "server components|offline-first apps|accessibility audits|design systems|WebGPU|"
        "progressive web apps|mobile CI|edge rendering|state machines in the UI|web performance budgets|"
        "cross-platform UI toolkits|internationalisation",
    ),
    "lang": (
        "Languages & Tooling",
        "Rust in production|Python typing|build caches|Go generics|compiler "
        "diagnostics|property-based testing|monorepo tooling|WebAssembly components|Kotlin coroutines|"
        "language servers|reproducible builds|static analysis",
    ),
}
PATTERNS = (
    "Lessons learned from {}",
    "A practical guide to {}",
    "Beyond the hype: {}",
    "Scaling {}",
    "Debugging {}",
    "{} from zero to production",
    "Rethinking {}",
    "Inside {}",
    "{} done right",
    "What nobody tells you about {}",
)
FIRST = (
    "Anna Ben Clara David Elif Felix Grace Hiro Ines Jonas Kavya Lena Mateo Nadia Omar Priya Quentin "
    "Rosa Samir Tara Umar Vera Wen Xavier Yuki Zoe Aisha Bruno Chloe Dmitri"
)
LAST = (
    "Schmidt Okafor Novak Lindqvist Tanaka Moreau Rossi Kowalski Haddad Fischer Silva Jensen Nguyen "
    "Costa Weber Ibrahim Martens Duarte Petrov Larsen Yilmaz Becker Sato Andersen"
)
ORGS = (
    "Cloudwerk GmbH",
    "DataFjord",
    "Open Source Initiative Berlin",
    "TU Berlin",
    "Kiel University",
    "Mozaik Labs",
    "Northwind Systems",
    "Helix Security",
    "Pixelhaus",
    "Ferrous Systems",
    "Contoso Research",
    "Independent",
)


def build() -> dict[str, Any]:
    """The whole event as plain data (validated by the caller)."""
    rng = random.Random(SEED)
    speakers = make_speakers(rng)
    sessions = make_keynotes(speakers) + make_track_sessions(rng, speakers)
    return {"event": event(), "rooms": rooms(), "speakers": speakers, "sessions": sessions}


def event() -> dict[str, Any]:
    times = [
        "09:00-10:00",
        "10:15-10:45",
        "10:55-11:25",
        "11:35-12:05",
        "12:15-12:45",
        "14:00-14:30",
        "14:40-15:10",
        "15:20-15:50",
        "16:20-16:50",
        "17:00-17:30",
        "17:40-18:10",
    ]
    names = ("key", *TALK_PERIODS)
    periods = [{"id": n, "start": t[:5], "end": t[6:]} for n, t in zip(names, times, strict=True)]
    return {
        "id": "spree-tech-2026",
        "title": "Spree Tech Conference 2026",
        "hosts": ["Spree Software Association"],
        "venue": "Berlin Congress Centre",
        "language": "en",
        "timezone": "Europe/Berlin",
        "start": DAYS[0],
        "end": DAYS[-1],
        "weekdays": ["wed", "thu", "fri"],
        "periods": periods,
    }


def rooms() -> list[dict[str, Any]]:
    return [
        {
            "id": "main-hall",
            "name": "Main Hall",
            "capacity": 1200,
            "features": ["projector", "stage", "streaming"],
        },
        {"id": "hall-b", "name": "Hall B", "capacity": 400, "features": ["projector", "streaming"]},
        {"id": "room-c", "name": "Room C", "capacity": 200, "features": ["projector"]},
        {"id": "room-d", "name": "Room D", "capacity": 120, "features": ["projector"]},
        {"id": "lab-e", "name": "Workshop Room E", "capacity": 60, "features": ["projector", "tables"]},
        {"id": "lab-f", "name": "Workshop Room F", "capacity": 40, "features": ["tables"]},
    ]


def make_speakers(rng: random.Random) -> list[dict[str, Any]]:
    """100 speakers; every seventh is free on one day only, some prefer mornings or arrive late."""
    names = rng.sample([f"{f} {la}" for f in FIRST.split() for la in LAST.split()], 100)
    speakers = []
    for index, name in enumerate(names):
        item: dict[str, Any] = {
            "id": name.lower().replace(" ", "-"),
            "name": name,
            "organisation": rng.choice(ORGS),
        }
        if index >= 4 and index % 7 == 3:
            free = DAYS[index % 3]
            item["unavailable"] = [d for d in DAYS if d != free]
        elif index >= 4 and index % 11 == 5:
            item["unavailable"] = [{"date": DAYS[0], "periods": ["key", *MORNING]}]
        if index % 5 == 1:
            item["preferred"] = [{"periods": list(MORNING)}]
        if index % 13 == 2:
            item["limits"] = {"per_day": 2}
        speakers.append(item)
    return speakers


def make_keynotes(speakers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Three morning keynotes and a closing keynote, exclusive and pinned to the main hall."""
    slots = [(DAYS[0], "key"), (DAYS[1], "key"), (DAYS[2], "key"), (DAYS[2], "s10")]
    titles = (
        "Opening keynote: software that lasts",
        "Keynote: the next ten years of open data",
        "Keynote: security is a team sport",
        "Closing keynote: what we learned this week",
    )
    return [
        {
            "id": f"keynote-{i + 1}",
            "title": title,
            "kind": "ceremony" if i == 3 else "lecture",
            "course": "Keynotes",
            "speakers": [speakers[i]["id"]],
            "attendance": 1100,
            "exclusive": True,
            "features": ["stage"],
            "pinned": [{"date": day, "period": period, "room": "main-hall"}],
            "abstract": abstract,
        }
        for i, (title, abstract, (day, period)) in enumerate(
            zip(titles, KEYNOTE_ABSTRACTS, slots, strict=True)
        )
    ]


KEYNOTE_ABSTRACTS = (
    "Most software is rewritten long before it wears out. What do the systems that run for twenty "
    "years have in common? Small interfaces, boring dependencies and teams that write things down.\n\n"
    "A tour of long-lived code bases, and what to copy from them on Monday.",
    "Open data went from a few spreadsheets to the backbone of public services. Where it goes next: "
    "live feeds instead of yearly dumps, licences that machines can read, and who pays to keep it up.",
    "Breaches rarely start with a clever exploit; they start with a handover nobody owned. How "
    "security becomes part of every team's work, from design review to on-call.",
    "Three days, five tracks, one hundred speakers: the ideas that came up again and again, and "
    "what to try when you are back at work.",
)


def make_track_sessions(rng: random.Random, speakers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """23 talks and one workshop per track; speakers 4.. give talks, some two or three."""
    pool = [s["id"] for s in speakers[4:]]
    one_day = {s["id"] for s in speakers if len(s.get("unavailable", [])) == 2}
    order = pool + [p for p in pool[::5] if p not in one_day] + [p for p in pool[::17] if p not in one_day]
    sessions: list[dict[str, Any]] = []
    talk = 0
    for key, (track, topics) in TRACKS.items():
        titles = talk_titles(rng, topics.split("|"))
        for number in range(TALKS_PER_TRACK):
            speaker_ids = [order[talk % len(order)]]
            if talk % 12 == 7:
                speaker_ids.append(pool[(talk * 7 + 3) % len(pool)])
            sessions.append(talk_session(rng, f"{key}-{number + 1:02d}", titles[number], track, speaker_ids))
            talk += 1
        sessions.append(workshop(key, track, topics.split("|")[0], sessions[-TALKS_PER_TRACK]["speakers"][0]))
    return sessions


def talk_titles(rng: random.Random, topics: list[str]) -> list[str]:
    combos = [p.format(t) for t in topics for p in PATTERNS]
    return [title[0].upper() + title[1:] for title in rng.sample(combos, TALKS_PER_TRACK)]


def talk_session(
    rng: random.Random, sid: str, title: str, track: str, speaker_ids: list[str]
) -> dict[str, Any]:
    """A 30-minute talk; expected audience from 30 to 400 (few large, many small)."""
    audience = rng.choice((30, 40, 50, 60, 60, 80, 80, 100, 100, 120, 150, 180, 250, 350))
    unique = list(dict.fromkeys(speaker_ids))
    return {"id": sid, "title": title, "course": track, "speakers": unique, "attendance": audience}


def workshop(key: str, track: str, topic: str, speaker: str) -> dict[str, Any]:
    """A hands-on workshop of two periods (one hour) in a room with tables."""
    return {
        "id": f"{key}-workshop",
        "title": f"Hands-on workshop: {topic}",
        "kind": "workshop",
        "course": track,
        "length": 2,
        "speakers": [speaker],
        "attendance": 36,
        "features": ["tables"],
        "periods": list(WORKSHOP_PERIODS),
    }


def render(data: dict[str, Any]) -> str:
    """YAML with one line per room, speaker and session, and a comment per section."""
    lines = [f"# {line}".rstrip() for line in HEADER.strip().splitlines()]
    lines += ["", block({"event": data["event"]}).rstrip(), "", "rooms:"]
    lines += [item(r) for r in data["rooms"]]
    lines += [
        "",
        "# Speakers: 'unavailable' lists the dates (or periods) a speaker cannot make.",
        "speakers:",
    ]
    lines += [item(s) for s in data["speakers"]]
    lines += ["", "sessions:"]
    track = None
    for session in data["sessions"]:
        if session.get("course") != track:
            track = session.get("course")
            lines.append(f"  # {track}")
        lines.append(item(session))
    return "\n".join(lines) + "\n"


def block(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110, default_flow_style=None)


def item(data: dict[str, Any]) -> str:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6, default_flow_style=True)
    return "  - " + text.strip()


HEADER = """
Spree Tech Conference 2026: three days (Wednesday to Friday), six rooms, five tracks.
Generated by samples/make_tech_conference.py (deterministic); edit the script, not this file.
Each day opens with an exclusive keynote in the Main Hall (period 'key'); the last day
ends with a closing keynote. Talks are 30 minutes (one period); 'course' is the track.
Workshops take two periods and need a room with tables. There are no groups: talks
give their expected audience ('attendance') instead.
"""


def main() -> None:
    data = build()
    problem = Problem.model_validate(data)
    problems = check_problem(problem)
    if problems:
        raise SystemExit("\n".join(problems))
    OUT.write_text(render(data), encoding="utf-8")
    print(f"wrote {OUT} ({len(problem.sessions)} sessions, {len(problem.speakers)} speakers)")


if __name__ == "__main__":
    main()
