"""The WSGI app benchmarks.console_load serves with gunicorn: the console (configured from the environment, as
`gunicorn 'console:create_app()'` is), and under /ceiling a trivial Flask page: what the same gunicorn, worker
and Python can serve at best, measured in the same run.

Every answer carries `X-Bench-CPU-Ms`: the CPU time the serving thread spent on the request, from the call into
the app until its answer was read and closed (time.thread_time, so neither the other threads nor waiting for
PostgreSQL or for the GIL count). On a shared machine that figure moves much less than the wall clock."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from benchmarks.console_load import CPU_HEADER
from console import create_app

ceiling = Flask("ceiling")


@ceiling.get("/")
def trivial() -> str:
    """A page that does nothing."""
    return "ok"


class CpuTimed:
    """WSGI middleware: the thread's CPU time for the request in a response header (the body is buffered)."""

    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        started = time.thread_time()
        answer: list[Any] = []

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable:
            answer[:] = [status, headers, exc_info]
            return lambda data: None  # Flask never writes through it

        body = self.app(environ, capture)
        try:
            chunks = list(body)
        finally:
            if hasattr(body, "close"):
                body.close()
        status, headers, exc_info = answer
        cpu = (time.thread_time() - started) * 1000
        start_response(status, [*headers, (CPU_HEADER, f"{cpu:.3f}")], exc_info)
        return chunks


app = CpuTimed(DispatcherMiddleware(create_app(), {"/ceiling": ceiling}))
