"""The server log of a test run, kept to be scanned for BSNs (issue 12: a BSN never reaches a log).

Every log record of every logger (Flask, Werkzeug, SQLAlchemy, Bolt, APScheduler, Traject; as the app's record
factory left them, console/logprivacy.py) and an access-log line per request ("METHOD /path?query", as a web
server in front would write it) are kept while the suite runs. At the
end of the run the lines are searched for every BSN the suite's sources use; one found fails the run.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from casework.bsn import is_valid_bsn

ACCESS = logging.getLogger("traject.access")
_NINE = re.compile(r"(?<!\d)(\d{3})[ .-]?(\d{3})[ .-]?(\d{3})(?!\d)")
_QUOTED = re.compile(r"""["'](\d{9}|\d{3} \d{3} \d{3}|\d{4}\.\d{2}\.\d{3})["']""")


class RunLog(logging.Handler):
    """Keeps the lines of the run that hold nine digits (the only ones a BSN can be in)."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = record.getMessage()
            if record.exc_info and record.exc_info[1] is not None:
                text += " " + repr(record.exc_info[1])
        except Exception:  # a record that cannot format is not ours to judge
            return
        self.count += 1
        if _NINE.search(text):
            self.lines.append(f"{record.name}: {text}")


def access_line(sender: object, **_extra: object) -> None:
    """Flask's request_started signal: one access-log line, as a web server in front would write it (kept
    directly: a proxy's access log does not pass through the app's masking of log records)."""
    from flask import request

    line = f"{request.method} {request.full_path}"
    RUN_LOG.count += 1
    if _NINE.search(line):
        RUN_LOG.lines.append(f"{ACCESS.name}: {line}")


def known_bsns(root: Path) -> set[str]:
    """Every valid BSN written in the suite's and the demo data's sources (as nine digits)."""
    found: set[str] = set()
    for path in [*root.glob("tests/**/*.py"), root / "casework" / "demo.py"]:
        for match in _QUOTED.finditer(path.read_text(encoding="utf-8")):
            digits = re.sub(r"\D", "", match.group(1))
            if is_valid_bsn(digits):
                found.add(digits)
    return found


def _path_id(line: str, match: re.Match) -> bool:
    """Whether the nine digits are a whole segment of the URL's path (`/consults/123456782/held`): a record's id,
    which the property tests generate at random and some of which pass the 11-proef. No route takes a BSN in its
    path; a BSN in a URL would be in the query string, which still counts."""
    start, end = match.span()
    query = line.find("?")
    return (
        (query == -1 or start < query)
        and line[start - 1 : start] == "/"
        and line[end : end + 1] in ("/", "?", " ", "")
    )


# Query parameters that hold a record's number or a page number (the API's integer parameters and the console's
# ids): a value generated at random may pass the 11-proef, and is a number, not a BSN. tests/api/test_schemathesis.py checks this
# list against the OpenAPI document, so a new integer filter cannot make the scan flaky.
ID_PARAMETERS = frozenset(
    {"id", "employee", "employer", "trajectory", "assignee", "case_manager", "user", "page", "page_size"}
)
_QUERY_KEY = re.compile(r"[?&]([A-Za-z_]+)=$")


def _query_id(line: str, match: re.Match) -> bool:
    """Whether the nine digits are the whole value of an id parameter in the URL's query string."""
    start, end = match.span()
    query = line.find("?")
    if query == -1 or start < query or line[end : end + 1] not in ("&", " ", "#", ""):
        return False
    key = _QUERY_KEY.search(line[query:start])
    return key is not None and (key.group(1) in ID_PARAMETERS or key.group(1).endswith("_id"))


def bsns_in(lines: list[str], bsns: set[str]) -> list[str]:
    """The lines that hold one of `bsns`, whole or written in groups of three; in an access-log line (a URL)
    any nine digits passing the 11-proef count, as the demo data's BSNs are nowhere in the sources, except a
    whole path segment or the whole value of an id parameter (a record's number)."""
    hits = []
    for line in lines:
        url = line.startswith((ACCESS.name + ":", "werkzeug:"))
        for match in _NINE.finditer(line):
            digits = "".join(match.groups())
            an_id = _path_id(line, match) or _query_id(line, match)
            if digits in bsns or (url and is_valid_bsn(digits) and not an_id):
                hits.append(line)
                break
    return hits


RUN_LOG = RunLog()


def install() -> None:
    """Keep every log record of the run from here on, and an access-log line per request."""
    from flask import request_started

    root = logging.getLogger()
    if RUN_LOG not in root.handlers:
        root.addHandler(RUN_LOG)
        root.setLevel(min(root.level or logging.WARNING, logging.INFO))
        ACCESS.setLevel(logging.INFO)
        logging.getLogger("werkzeug").setLevel(logging.INFO)
        request_started.connect(access_line)


def scan(root: Path) -> list[str]:
    """The lines of the run so far that hold a BSN."""
    return bsns_in(RUN_LOG.lines, known_bsns(root))
