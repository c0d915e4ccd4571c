"""A label's logo: what the file really is, read from its bytes, never from what the browser or a configuration
file claims; and an SVG only when it draws and does nothing else.

A logo is shown in the console's house-style preview and in every letter (as a data: URI, so nothing is fetched).
A browser does not run scripts in an SVG shown through <img>, but an SVG opened on its own does, and the PDF
renderer parses it: so an SVG with a document type (entity expansion), scripts, event handlers, embedded HTML,
or references to anything outside itself is refused, with a Dutch message naming the field.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from .errors import Invalid
from .i18n import M_

MAX_LOGO_BYTES = 512 * 1024
FIELD = "logo"
KINDS = "een PNG-, JPEG-, GIF-, SVG- of WebP-afbeelding"
SVG_NS = "{http://www.w3.org/2000/svg}"
# Elements that run code, embed other documents or fetch: never in a logo.
FORBIDDEN_ELEMENTS = frozenset(
    {"script", "foreignobject", "iframe", "object", "embed", "handler", "listener", "audio", "video"}
)
# An internal reference (#id) or an embedded raster image is fine; anything else (http:, file:, javascript:,
# another SVG or HTML as data:) is not.
_LOCAL_REFERENCE = re.compile(r"^\s*(#[\w.:-]*|data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*)\s*$")
_URL_IN_STYLE = re.compile(r"url\(\s*(?!['\"]?#)|@import|expression\(|javascript:", re.IGNORECASE)


def _raster_kind(data: bytes) -> str | None:
    """The image type of a raster file by its first bytes."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def _local_name(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def _svg_problem(data: bytes) -> str | None:
    """Why this SVG cannot be a logo, or None when it only draws."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "het SVG-bestand is geen UTF-8-tekst."
    if re.search(r"<!DOCTYPE|<!ENTITY", text, re.IGNORECASE):
        return "een SVG met een DOCTYPE of entiteiten wordt niet aanvaard."
    try:
        root = fromstring(text, forbid_dtd=True)
    except DefusedXmlException:
        return "een SVG met een DOCTYPE of entiteiten wordt niet aanvaard."
    except ElementTree.ParseError:
        return "het SVG-bestand is geen geldige XML."
    if root.tag not in (f"{SVG_NS}svg", "svg"):
        return "het bestand is geen SVG-afbeelding."
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = _local_name(element.tag)
        if name in FORBIDDEN_ELEMENTS:
            return f"een SVG met het element <{name}> (script of ingebedde inhoud) wordt niet aanvaard."
        if name == "style" and element.text and _URL_IN_STYLE.search(element.text):
            return "een SVG die in zijn stijl iets van buiten laadt wordt niet aanvaard."
        for attribute, value in element.attrib.items():
            local = _local_name(attribute)
            if local.startswith("on"):
                return f"een SVG met de gebeurtenis {local} (script) wordt niet aanvaard."
            if local == "href" and not _LOCAL_REFERENCE.match(value):
                return "een SVG die naar iets buiten zichzelf verwijst wordt niet aanvaard."
            if local == "style" and _URL_IN_STYLE.search(value):
                return "een SVG die in zijn stijl iets van buiten laadt wordt niet aanvaard."
    return None


def check_logo(data: bytes, *, field: str = FIELD) -> str:
    """The logo's media type, read from its content; raises Invalid naming `field` when it is too large, not an
    image of an accepted kind, or an SVG that does more than draw."""
    if not data:
        raise Invalid({field: M_("Logo: het bestand is leeg.")})
    if len(data) > MAX_LOGO_BYTES:
        raise Invalid({field: M_("Logo: het bestand is groter dan 512 kB.")})
    kind = _raster_kind(data)
    if kind is not None:
        return kind
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<?xml", b"<svg", b"<!--")) and b"<svg" in data[:4096].lower():
        problem = _svg_problem(data)
        if problem is not None:
            raise Invalid({field: M_("Logo: %(problem)s", problem=problem)})
        return "image/svg+xml"
    raise Invalid({field: M_("Logo: kies %(kinds)s; dit bestand is geen van die.", kinds=KINDS)})
