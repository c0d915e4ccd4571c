"""Labels with their house style and logo, insurers, insurance products and referrers."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

from models import InsuranceProduct, Insurer, Label, ProductKind, Referrer

from .test_config_views import count, first, post

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def test_label_house_style_logo_and_preview(admin_client, db):
    label = first(db, Label)
    base = {
        "name": label.name,
        "colour_primary": "red",
        "colour_secondary": "#eeeeee",
        "font_family": "DejaVu Serif",
        "letterhead": "Huisstijl B.V.\nPostbus 1",
        "footer": "KvK 1234",
        "active": "y",
        "position": "0",
    }
    old = label.colour_primary
    response = post(admin_client, "labels", base, path=f"edit/?id={label.id}")
    assert "Hoofdkleur: geef een kleur als #1f4e79." in response.get_data(as_text=True)
    db.session.refresh(label)
    assert label.colour_primary == old
    response = post(
        admin_client,
        "labels",
        {**base, "colour_primary": "#8a1538", "logo_file": (BytesIO(PNG), "logo.png", "image/png")},
        path=f"edit/?id={label.id}",
    )
    assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
    db.session.refresh(label)
    assert (label.colour_primary, label.logo, label.logo_mime_type) == ("#8a1538", PNG, "image/png")
    page = admin_client.get(f"/admin/labels/preview/?id={label.id}").get_data(as_text=True)
    assert 'sandbox=""' in page and "srcdoc=" in page
    assert "#8a1538" in page and "Huisstijl B.V." in page and "data:image/png;base64" in page
    response = post(
        admin_client,
        "labels",
        {
            **base,
            "colour_primary": "#8a1538",
            "logo_file": (BytesIO(b"%PDF-1.4"), "logo.pdf", "application/pdf"),
        },
        path=f"edit/?id={label.id}",
    )
    assert "Logo: kies een PNG-, JPEG-, GIF-, SVG- of WebP-afbeelding" in response.get_data(as_text=True)
    # the browser's word is not taken: an SVG with a script, sent as a PNG, is refused and changes nothing
    response = post(
        admin_client,
        "labels",
        {
            **base,
            "colour_primary": "#000000",
            "logo_file": (
                BytesIO(b'<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>'),
                "l.png",
                "image/png",
            ),
        },
        path=f"edit/?id={label.id}",
    )
    assert "Logo: een SVG met het element &lt;script&gt;" in response.get_data(as_text=True)
    db.session.refresh(label)
    assert (label.colour_primary, label.logo, label.logo_mime_type) == ("#8a1538", PNG, "image/png")
    # and a PNG the browser calls something else is stored as the PNG it is
    response = post(
        admin_client,
        "labels",
        {
            **base,
            "colour_primary": "#8a1538",
            "logo_file": (BytesIO(PNG), "logo", "application/octet-stream"),
        },
        path=f"edit/?id={label.id}",
    )
    assert response.status_code == 302
    db.session.refresh(label)
    assert label.logo_mime_type == "image/png"


def test_insurance_product_kind_and_mandate(admin_client, db):
    insurer = first(db, Insurer)
    before = count(db, InsuranceProduct)
    data = {"insurer": str(insurer.id), "name": "Verzuim Plus", "kind": "wga", "position": "0", "active": "y"}
    response = post(admin_client, "insurance_products", {**data, "mandate": "-5"})
    assert "Mandaat: moet minstens 0 zijn." in response.get_data(as_text=True)
    assert count(db, InsuranceProduct) == before
    response = post(admin_client, "insurance_products", {**data, "mandate": "2500", "claims_management": "y"})
    assert response.status_code == 302
    product = first(db, InsuranceProduct, name="Verzuim Plus")
    assert (product.kind, product.mandate, product.claims_management) == (
        ProductKind.WGA,
        Decimal("2500.00"),
        True,
    )
    assert "WGA-eigenrisicodragerschap" in admin_client.get("/admin/insurance_products/").get_data(
        as_text=True
    )


def test_referrer_per_label_and_insurer_email_checked(admin_client, db):
    label = first(db, Label)
    response = post(
        admin_client, "referrers", {"label": str(label.id), "name": "Adviseur Jansen", "position": "0"}
    )
    assert response.status_code == 302
    assert first(db, Referrer, name="Adviseur Jansen").label == label
    response = post(admin_client, "insurers", {"name": "Nieuwe Verzekeraar", "contact_email": "geen-adres"})
    assert "E-mail contactpersoon: ongeldig." in response.get_data(as_text=True)
    assert first(db, Insurer, name="Nieuwe Verzekeraar") is None
