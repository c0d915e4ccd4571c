"""All-or-nothing engine operations inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from models import db


@contextmanager
def atomic() -> Iterator[None]:
    """Run a block in a SAVEPOINT: when it raises, everything it changed is undone and the error propagates.

    The door still decides when to commit; this only guarantees that a refused or failed operation leaves the
    session exactly as it was before the operation began.
    """
    with db.session.begin_nested():
        yield
