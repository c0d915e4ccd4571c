"""One boundary, one direction: the scheduler may call the bot to render, the bot never imports the scheduler."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    return found


def test_nothing_in_bot_imports_jobs():
    offenders = {
        str(path.relative_to(ROOT)): sorted(m for m in _imported_modules(path) if m.split(".")[0] == "jobs")
        for path in sorted((ROOT / "bot").rglob("*.py"))
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_scheduler_renders_reminders_through_the_bot():
    assert "bot.reminders" in _imported_modules(ROOT / "jobs" / "outbox.py") or "bot" in _imported_modules(
        ROOT / "jobs" / "outbox.py"
    )
    assert not (ROOT / "jobs" / "render.py").exists()
