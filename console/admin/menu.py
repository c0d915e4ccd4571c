"""The console menu in the user's language: every entry's Dutch name becomes a lazy translation."""

from __future__ import annotations

from flask_admin import Admin
from flask_babel import lazy_gettext as _l

# The menu's words, listed so that `pybabel extract` finds them (views are named in Dutch where they are added).
MENU_WORDS = (
    _l("Overzicht"),
    _l("Dossiers"),
    _l("Werkgevers"),
    _l("Rapportage"),
    _l("Verzuimcijfers"),
    _l("Agenda"),
    _l("Mijn agenda"),
    _l("Takenlijst"),
    _l("Planbak en afmelden"),
    _l("Productrapportage gesprekken"),
    _l("Locaties"),
    _l("Soorten onbeschikbaarheid"),
    _l("Spreekuursoorten"),
    _l("Configuratie"),
    _l("Categorieën"),
    _l("Einddoelen"),
    _l("Regio's"),
    _l("Kenmerken"),
    _l("Beëindigingsredenen"),
    _l("Dienstverleningssoorten"),
    _l("Variaties"),
    _l("Labels"),
    _l("Verzekeraars"),
    _l("Verzekeringsproducten"),
    _l("Aanmelders"),
    _l("Contractmodellen"),
    _l("Aanbieders"),
    _l("Programma's"),
    _l("Processen"),
    _l("Trajecttypen"),
    _l("Triggers"),
    _l("Documentsjablonen"),
    _l("Beheer"),
    _l("Gebruikers"),
    _l("Nieuwe gebruiker"),
    _l("API-tokens"),
    _l("Configuratie export/import"),
    _l("Over Traject"),
    _l("Mijn account"),
)


def translate_menu(admin: Admin) -> None:
    """Give every menu category and entry a name translated when the page renders."""
    for item in admin._menu:  # the whole tree, not only what the current user may see
        item.name = _l(str(item.name))
        for child in getattr(item, "_children", []):
            child.name = _l(str(child.name))
