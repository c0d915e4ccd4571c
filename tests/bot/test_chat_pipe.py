"""`printf 'help\ntaken\n' | traject chat --as EMAIL` in a real process: every answer, in order, none lost."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from bot.words import HELP
from models import Role, User, db

ROOT = Path(__file__).resolve().parents[2]


def test_piped_lines_each_get_their_answer_before_the_next(make_app):
    from flask_migrate import upgrade

    from casework.seed import load_seed_configuration

    app = make_app()
    with app.app_context():
        upgrade()
        load_seed_configuration(dt.datetime(2026, 1, 1))
        db.session.add(
            User(email="sanne@example.nl", name="Sanne", role=Role.CASEMANAGER, slack_user_id="USANNE")
        )
        db.session.commit()
        url = db.engine.url.render_as_string(hide_password=False)
    traject = Path(sys.executable).parent / "traject"
    result = subprocess.run(
        f"printf 'help\\ntaken\\n' | {traject} chat --as sanne@example.nl",
        shell=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "DATABASE_URL": url, "SECRET_KEY": "test", "PYTHONWARNINGS": "ignore"},
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    help_first_line = HELP.splitlines()[0].replace("*", "")
    assert help_first_line in out and "Je hebt geen open taken." in out
    assert out.index(help_first_line) < out.index("Je hebt geen open taken.")
    # each answer directly follows its own prompt, not the next one
    assert out.split("> ")[1].strip().startswith(help_first_line)
    assert out.split("> ")[2].strip().startswith("Je hebt geen open taken.")
    assert "Connection refused" not in result.stderr
