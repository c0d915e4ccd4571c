"""Error pages in the user's language: an HTML page for the console, `{"code", "message", "errors"}` for the API.

Werkzeug's own pages and descriptions are English ("Not Found", "The requested URL was not found on the
server..."); every HTTP error a person or an integration can meet is answered here in Dutch (or English by the
user's choice). A description given on purpose (`abort(400, description=...)`) is kept.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, render_template, request
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException, InternalServerError

# status: (title, message)
PAGES: dict[int, tuple[Any, Any]] = {
    400: (_l("Ongeldig verzoek"), _l("Dit verzoek kan Traject niet verwerken.")),
    401: (_l("Niet aangemeld"), _l("Meld u eerst aan.")),
    403: (_l("Geen toegang"), _l("U heeft geen toegang tot deze pagina.")),
    404: (_l("Niet gevonden"), _l("Deze pagina of dit gegeven bestaat niet (meer).")),
    405: (_l("Niet toegestaan"), _l("Deze handeling kan hier niet.")),
    409: (_l("Conflict"), _l("Dit botst met de huidige stand van de gegevens.")),
    413: (_l("Te groot"), _l("Dit verzoek is te groot.")),
    415: (_l("Ongeldig verzoek"), _l("Dit soort inhoud wordt hier niet aangenomen.")),
    429: (_l("Te veel verzoeken"), _l("Te veel verzoeken; probeer het later opnieuw.")),
    500: (_l("Er ging iets mis"), _l("Er ging iets mis in Traject. Probeer het later opnieuw.")),
    503: (
        _l("Even geduld"),
        _l("Traject is even niet bereikbaar. Probeer het over enkele seconden opnieuw."),
    ),
}
DEFAULT = (_l("Fout"), _l("Er ging iets mis."))
CSRF_MESSAGE = _l(
    "Het formulier is verlopen of niet compleet. Laad de pagina opnieuw en probeer het nog eens."
)


def words(error: HTTPException) -> tuple[str, str]:
    """The title and message of an HTTP error in the user's language; a description set on purpose is kept."""
    from flask_wtf.csrf import CSRFError

    if isinstance(error, CSRFError):  # Flask-WTF's reasons are English ("The CSRF token has expired.")
        return str(PAGES[400][0]), str(CSRF_MESSAGE)
    title, message = PAGES.get(error.code or 500, DEFAULT)
    own = error.description and error.description != type(error).description
    return str(title), str(error.description if own else message)


def html_page(error: HTTPException) -> Any:
    """The console's error page with the error's status."""
    title, message = words(error)
    return render_template("console/error.html", title=title, message=message, status=error.code), error.code


def _server_error(error: InternalServerError) -> Any:
    from .api.common import PREFIX, error_response

    title, message = words(error)
    if request.path.startswith(PREFIX):
        return error_response(500, "internal_server_error", message)
    return html_page(error)


def init_errors(app: Flask) -> None:
    """Answer unexpected errors (500) in Dutch too; the other HTTP errors are answered by the API's handler."""
    app.register_error_handler(InternalServerError, _server_error)
