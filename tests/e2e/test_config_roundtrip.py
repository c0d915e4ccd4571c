"""Export the configuration in Chromium, change a region in the file, upload it as a dry run, then for real."""

from __future__ import annotations

import json
from pathlib import Path

NEW_DESCRIPTION = "Provincie Zeeland, inclusief Zeeuws-Vlaanderen"


def _upload(page, data: dict, *, dry_run: bool) -> None:
    body = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    page.set_input_files(
        "#file", files=[{"name": "config.json", "mimeType": "application/json", "buffer": body}]
    )
    page.set_checked("#dry_run", dry_run)
    page.click("#import")
    page.wait_for_load_state()


def test_export_change_dry_run_then_import(admin_page, live_server, shot):
    page = admin_page
    page.goto(f"{live_server}/admin/configio/")
    assert page.locator("h1", has_text="Configuratie export/import").count() == 1
    with page.expect_download() as info:
        page.click("#export")
    download = info.value
    assert download.suggested_filename.startswith("traject-configuratie-")
    data = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    zeeland = next(r for r in data["regions"] if r["name"] == "Zeeland")
    assert zeeland["description"] != NEW_DESCRIPTION
    zeeland["description"] = NEW_DESCRIPTION

    _upload(page, data, dry_run=True)
    assert page.locator("text=Proefdraai: er is niets opgeslagen.").count() == 1
    assert page.locator("#report .changed", has_text="Zeeland: omschrijving").count() == 1
    shot("dry-run-report")
    page.goto(f"{live_server}/admin/regions/?search=Zeeland")
    assert page.locator(f"text={NEW_DESCRIPTION}").count() == 0  # the dry run saved nothing

    page.goto(f"{live_server}/admin/configio/")
    _upload(page, data, dry_run=False)
    assert page.locator("text=De configuratie is geïmporteerd.").count() == 1
    assert page.locator("#report .changed", has_text="Zeeland: omschrijving").count() == 1
    shot("import-report")
    page.goto(f"{live_server}/admin/regions/?search=Zeeland")
    assert page.locator(f"text={NEW_DESCRIPTION}").count() == 1
    shot("regions-after-import")

    zeeland["name"] = "Zeeland"
    data["providers"] = [{"name": "Onbekend B.V.", "regions": ["Atlantis"]}]
    page.goto(f"{live_server}/admin/configio/")
    _upload(page, data, dry_run=False)
    error = page.locator("#errors li[data-path='providers[0].regions[0]']")
    assert error.count() == 1 and 'onbekende regio "Atlantis"' in error.inner_text()
    shot("refused-with-errors")
