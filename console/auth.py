"""Sign-in for the console: Flask-Login, argon2 passwords, roles, and rate limiting of failed logins."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any

import sqlalchemy as sa
from flask import Blueprint, Flask, abort, current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import LoginManager, current_user, login_user, logout_user

from casework.accounts import check_password
from casework.logbook import Actor, log
from casework.sessions import current_session, end_session, start_session
from casework.totp import totp_required
from models import LogEntry, User, db, utcnow

from .i18n import N_
from .redirects import local_target
from .transactions import finish_writing, reads_first, start_writing

bp = Blueprint("auth", __name__)
login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = N_("Meld u aan om deze pagina te zien.")
login_manager.localize_callback = (
    _  # flashed in the visitor's language (a str: the session cannot hold a lazy one)
)

MAX_FAILURES = 10
WINDOW = dt.timedelta(minutes=15)
GENERIC_ERROR = N_("Onbekend e-mailadres of onjuist wachtwoord.")
TOO_MANY = N_("Te veel mislukte pogingen. Probeer het over een kwartier opnieuw.")


class LoginUser:
    """The Flask-Login view of a User in one server-side session.

    Its id holds the user's session token (changing it ends every session of the user) and the key of this
    session (signing out or a time-out removes it on the server, so a copied cookie stops working).
    """

    def __init__(self, user: User, key: str = "") -> None:
        self.user = user
        self.key = key
        self.is_authenticated = True
        self.is_active = user.active
        self.is_anonymous = False
        self.language = user.language
        self.role = str(user.role)

    def get_id(self) -> str:
        """`<id>:<session_token>:<session key>`."""
        return f"{self.user.id}:{self.user.session_token}:{self.key}"

    @property
    def is_admin(self) -> bool:
        """Whether this is a functional administrator."""
        return self.role == "admin"


def require_totp() -> str:
    """Who must have a second factor: admin, all or none (TRAJECT_REQUIRE_TOTP)."""
    return str(current_app.config.get("TRAJECT_REQUIRE_TOTP", "admin"))


def idle_timeout() -> dt.timedelta:
    """How long a session lives without activity (TRAJECT_SESSION_IDLE_MINUTES)."""
    return dt.timedelta(minutes=int(current_app.config.get("TRAJECT_SESSION_IDLE_MINUTES", 30)))


@login_manager.user_loader
def load_user(user_id: str) -> LoginUser | None:
    """The active user whose id and session token match, in a live server-side session."""
    ident, token, key = (user_id.split(":") + ["", ""])[:3]
    if not ident.isdigit():
        return None
    wrote: list[bool] = []

    def before_write() -> None:  # its last activity moves on (at most once a minute) or it timed out
        start_writing()  # a page that only reads takes the write lock for just this
        wrote.append(True)

    row = current_session(int(ident), key, utcnow(), idle=idle_timeout(), before_write=before_write)
    if wrote:
        finish_writing()  # keep that, whatever follows
    if row is None or not row.user.active or row.user.session_token != token:
        return None
    return LoginUser(row.user, key)


def actor() -> Actor:
    """The signed-in user as the engine's actor."""
    return Actor(current_user.user)


def role_required(*roles: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Refuse anonymous requests (to the login page) and other roles (403)."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if roles and current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorate


def recent_failures(email: str, address: str, now: dt.datetime) -> tuple[int, int]:
    """Failed logins in the window for this account and for this address (one query)."""
    since = now - WINDOW
    account = LogEntry.details["email"].as_string() == email
    from_address = LogEntry.details["address"].as_string() == address
    by_account, by_address = db.session.execute(
        sa.select(
            sa.func.count().filter(account),
            sa.func.count().filter(from_address),
        ).where(LogEntry.action == "login.failed", LogEntry.at >= since)
    ).one()
    return by_account, by_address


def attempt_login(email: str, password: str, address: str, now: dt.datetime) -> tuple[User | None, str]:
    """Check the credentials, honouring the rate limit; logs a failure (finish_login logs the success).

    The checks only read, and the password hash takes a while to verify: they run before the write lock is taken,
    so parallel sign-ins verify their passwords side by side and queue only for their log book lines.
    """
    email = (email or "").strip().lower()
    by_account, by_address = recent_failures(email, address, now)
    limited = by_account >= MAX_FAILURES or by_address >= MAX_FAILURES
    user = db.session.scalar(sa.select(User).where(User.email == email)) if email and not limited else None
    # check_password does the argon2 work also for an unknown e-mail: the time taken tells nothing
    valid = not limited and check_password(user, password or "") and user is not None and user.active
    start_writing()
    if limited:
        log(
            Actor(name=email or "anonymous"),
            now,
            "login.refused",
            "Aanmelden geweigerd: te veel pogingen",
            details={"email": email, "address": address},
        )
        return None, TOO_MANY
    if not valid:
        log(
            Actor(name=email or "anonymous"),
            now,
            "login.failed",
            "Aanmelden mislukt",
            details={"email": email, "address": address},
        )
        return None, GENERIC_ERROR
    return user, ""


def finish_login(user: User, target: str, *, how: str = "password") -> Any:
    """Sign `user` in: a new server-side session (nothing from before carries over, CSRF token included),
    logged; then on to `target`."""
    now = utcnow()
    session.clear()
    key = start_session(user, now, idle=idle_timeout())
    user.last_login_at = now
    log(
        Actor(user),
        now,
        "login.succeeded",
        f"{user.email} aangemeld",
        subject=user,
        details={"address": request.remote_addr or "", "method": how},
    )
    db.session.commit()
    login_user(LoginUser(user, key))
    return redirect(target)


@bp.route("/login", methods=["GET", "POST"])
@reads_first
def login() -> Any:
    """The sign-in form; with a second factor (or one still to be set up) the code is asked next."""
    error = ""
    if request.method == "POST":
        user, error = attempt_login(
            request.form.get("email", ""),
            request.form.get("password", ""),
            request.remote_addr or "",
            utcnow(),
        )
        target = local_target(request.args.get("next"), url_for("admin.index"))
        if user is not None and (user.totp_secret or totp_required(user, require_totp())):
            from .second_factor import begin_second_step

            return begin_second_step(user, target)
        if user is not None:
            return finish_login(user, target)
        db.session.commit()
    return render_template("console/login.html", error=_(error) if error else ""), (401 if error else 200)


@bp.post("/logout")
def logout() -> Any:
    """Sign out (POST, with the CSRF token)."""
    if current_user.is_authenticated:
        end_session(current_user.key)
        log(actor(), utcnow(), "logout", f"{current_user.user.email} afgemeld", subject=current_user.user)
        db.session.commit()
    logout_user()
    session.clear()
    return redirect(url_for("auth.login"))


def init_auth(app: Flask) -> None:
    """Install Flask-Login and the login/logout routes."""
    from . import second_factor  # noqa: F401 - its routes are on this blueprint

    login_manager.init_app(app)
    app.register_blueprint(bp)
