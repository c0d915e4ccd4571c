"""`traject config export FILE` and `traject config import FILE [--dry-run]`."""

from __future__ import annotations

import json

import sqlalchemy as sa

from console.cli import cli
from models import Region


def _region(db, name: str) -> Region | None:
    return db.session.scalar(sa.select(Region).where(Region.name == name))


def _export(app, path) -> dict:
    result = app.test_cli_runner().invoke(cli, ["config", "export", str(path)])
    assert result.exit_code == 0, result.output
    assert f"Configuratie geschreven naar {path}." in result.stderr
    return json.loads(path.read_text(encoding="utf-8"))


def test_export_to_stdout_is_the_json_file(app, db):
    result = app.test_cli_runner().invoke(cli, ["config", "export", "-"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["format"] == "traject-configuration"
    assert "Utrecht" in [r["name"] for r in data["regions"]]
    assert result.stdout.endswith("}\n")


def test_import_dry_run_lists_changes_and_changes_nothing(app, db, tmp_path):
    path = tmp_path / "config.json"
    data = _export(app, path)
    next(r for r in data["regions"] if r["name"] == "Zeeland")["description"] = "Zeeuwse eilanden"
    data["regions"].append({"name": "Waddeneilanden"})
    path.write_text(json.dumps(data), encoding="utf-8")
    result = app.test_cli_runner().invoke(cli, ["config", "import", str(path), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "Proefdraai: er is niets opgeslagen." in result.stdout
    assert "Regio's: 1 wordt nieuw: Waddeneilanden" in result.stdout
    assert "Regio's: Zeeland wordt gewijzigd: omschrijving" in result.stdout
    assert _region(db, "Waddeneilanden") is None
    assert _region(db, "Zeeland").description != "Zeeuwse eilanden"


def test_import_applies_and_a_second_import_changes_nothing(app, db, tmp_path):
    path = tmp_path / "config.json"
    data = _export(app, path)
    next(r for r in data["regions"] if r["name"] == "Zeeland")["description"] = "Zeeuwse eilanden"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = app.test_cli_runner().invoke(cli, ["config", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "Regio's: Zeeland gewijzigd: omschrijving" in result.stdout
    assert _region(db, "Zeeland").description == "Zeeuwse eilanden"
    again = app.test_cli_runner().invoke(cli, ["config", "import", str(path)])
    assert again.exit_code == 0, again.output
    assert "Niets te wijzigen" in again.stdout


def test_import_errors_name_file_path_and_reason_exit_1_and_change_nothing(app, db, tmp_path):
    path = tmp_path / "kapot.json"
    data = _export(app, tmp_path / "config.json")
    next(r for r in data["regions"] if r["name"] == "Zeeland")["description"] = "Zou gewijzigd worden"
    data["categories"][0]["service_type"] = "Bestaat niet"
    data["regions"][3]["active"] = "ja"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = app.test_cli_runner().invoke(cli, ["config", "import", str(path)])
    assert result.exit_code == 1
    assert f"{path}: regions[3].active: Geef true of false." in result.stderr
    assert "er is niets gewijzigd" in result.stderr
    data["regions"][3]["active"] = True
    path.write_text(json.dumps(data), encoding="utf-8")
    result = app.test_cli_runner().invoke(cli, ["config", "import", str(path)])
    assert result.exit_code == 1
    assert (
        f'{path}: categories[0].service_type: onbekende dienstverleningssoort "Bestaat niet"' in result.stderr
    )
    assert _region(db, "Zeeland").description != "Zou gewijzigd worden"


def test_import_of_a_file_that_is_not_json_or_missing(app, db, tmp_path):
    path = tmp_path / "tekst.json"
    path.write_text("dit is geen json", encoding="utf-8")
    result = app.test_cli_runner().invoke(cli, ["config", "import", str(path)])
    assert result.exit_code == 1
    assert f"{path}: (bestand): Geen geldige JSON: regel 1, kolom 1" in result.stderr
    missing = app.test_cli_runner().invoke(cli, ["config", "import", str(tmp_path / "weg.json")])
    assert missing.exit_code == 1
    assert "weg.json" in missing.stderr
