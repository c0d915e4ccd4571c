"""A label's logo: its type read from its bytes, and an SVG only when it draws and does nothing else."""

from __future__ import annotations

import base64
import copy

import pytest
import sqlalchemy as sa

from casework.configio import export_configuration, import_configuration
from casework.errors import Invalid
from casework.logbook import SYSTEM
from casework.logos import MAX_LOGO_BYTES, check_logo
from models import Label

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
SVG = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"'
    b' xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">'
    b'<defs><linearGradient id="g"><stop offset="0" stop-color="#1f4e79"/></linearGradient></defs>'
    b'<rect width="10" height="10" fill="url(#g)" style="fill: url(#g)"/><use xlink:href="#g"/></svg>'
)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (PNG, "image/png"),
        (b"\xff\xd8\xff\xe0" + b"\0" * 20, "image/jpeg"),
        (b"GIF89a" + b"\0" * 20, "image/gif"),
        (b"RIFF\x10\0\0\0WEBPVP8 " + b"\0" * 8, "image/webp"),
        (SVG, "image/svg+xml"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><image href="data:image/png;base64,iVBORw0="/></svg>',
            "image/svg+xml",
        ),
    ],
)
def test_the_kind_comes_from_the_bytes(data, kind):
    assert check_logo(data) == kind


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "het bestand is leeg"),
        (b"%PDF-1.4", "kies een PNG-, JPEG-, GIF-, SVG- of WebP-afbeelding"),
        (b"<html><script>alert(1)</script></html>", "kies een PNG-"),
        (PNG + b"\0" * MAX_LOGO_BYTES, "groter dan 512 kB"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "<script>"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "gebeurtenis onload"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>',
            "<foreignobject>",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
            b'<a x:href="javascript:alert(1)"><rect/></a></svg>',
            "buiten zichzelf",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><image href="https://example.org/x.png"/></svg>',
            "buiten",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(http://x/a.css);</style></svg>',
            "stijl",
        ),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(http://x/p)"/></svg>', "stijl"),
        (
            b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]>'
            b'<svg xmlns="http://www.w3.org/2000/svg"><text>&a;</text></svg>',
            "DOCTYPE",
        ),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>', "geen geldige XML"),
        (b'<?xml version="1.0"?><!-- <svg --><html/>', "geen SVG-afbeelding"),
    ],
)
def test_what_is_not_a_plain_image_is_refused_naming_the_field(data, reason):
    with pytest.raises(Invalid) as refused:
        check_logo(data)
    assert list(refused.value.errors) == ["logo"]
    assert refused.value.errors["logo"].startswith("Logo: ") and reason in refused.value.errors["logo"]


def test_the_configuration_import_checks_the_logo_and_its_stated_type(db, now):
    exported = export_configuration()
    label_name = exported["labels"][0]["name"]
    before = db.session.scalar(sa.select(Label.logo).where(Label.name == label_name))

    def attempt(logo: bytes | str, mime: str) -> dict[str, str]:
        data = copy.deepcopy(exported)
        data["labels"][0]["logo"] = logo if isinstance(logo, str) else base64.b64encode(logo).decode()
        data["labels"][0]["logo_mime_type"] = mime
        with pytest.raises(Invalid) as refused:
            import_configuration(data, actor=SYSTEM, now=now, dry_run=False)
        return refused.value.errors

    assert attempt(b'<svg xmlns="http://www.w3.org/2000/svg" onload="x()"/>', "image/svg+xml") == {
        "labels[0].logo": "een SVG met de gebeurtenis onload (script) wordt niet aanvaard."
    }
    assert attempt(PNG, "image/svg+xml") == {
        "labels[0].logo_mime_type": "het logo is een image/png-bestand; geef dat type op."
    }
    assert "labels[0].logo" in attempt("@@@ geen base64", "image/png")
    assert db.session.scalar(sa.select(Label.logo).where(Label.name == label_name)) == before
    data = copy.deepcopy(exported)
    data["labels"][0]["logo"], data["labels"][0]["logo_mime_type"] = (
        base64.b64encode(SVG).decode(),
        "image/svg+xml",
    )
    import_configuration(data, actor=SYSTEM, now=now, dry_run=False)
    assert db.session.scalar(sa.select(Label.logo).where(Label.name == label_name)) == SVG
