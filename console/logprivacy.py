"""No BSN in a log line: every log record of the process has BSN-like numbers masked before any handler sees it.

SQLAlchemy's hide_parameters keeps a failing statement's parameters out of its message, but PostgreSQL itself
repeats the offending value ("Key (bsn)=(123456782) already exists."), and a traceback may quote anything.
So the record factory masks each nine-digit number that passes the 11-proef, written whole or in groups of
three, in the message and in the formatted exception, whichever logger, handler or library wrote it.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from casework.bsn import is_valid_bsn

_NINE = re.compile(r"(?<!\d)(\d{3})([ .-]?)(\d{3})\2(\d{3})(?!\d)")
_FORMATTER = logging.Formatter()
_installed = False


def mask_bsns(text: str) -> str:
    """`text` with every BSN (nine digits passing the 11-proef, perhaps grouped by threes) masked."""
    if not text or not any(ch.isdigit() for ch in text):
        return text

    def mask(match: re.Match[str]) -> str:
        digits = match.group(1) + match.group(3) + match.group(4)
        return "*********" if is_valid_bsn(digits) else match.group(0)

    return _NINE.sub(mask, text)


def install() -> None:
    """Wrap the process's log record factory once (every logger, every handler)."""
    global _installed
    if _installed:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a record that cannot format itself is left to the handler's own error path
            return record
        record.msg, record.args = mask_bsns(message), None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = mask_bsns(_FORMATTER.formatException(record.exc_info))
            record.exc_info = None  # handlers would format the raw traceback again
        return record

    logging.setLogRecordFactory(factory)
    _installed = True
