"""The WSGI app benchmarks.console_load serves with gunicorn: the console (configured from the environment, as
`gunicorn 'console:create_app()'` is), and under /ceiling a trivial Flask page: what the same gunicorn, worker
and Python can serve at best, measured in the same run."""

from __future__ import annotations

from flask import Flask
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from console import create_app

ceiling = Flask("ceiling")


@ceiling.get("/")
def trivial() -> str:
    """A page that does nothing."""
    return "ok"


app = DispatcherMiddleware(create_app(), {"/ceiling": ceiling})
