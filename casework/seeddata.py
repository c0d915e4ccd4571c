"""The seed configuration `traject init` loads (and the demo providers `traject demo` adds), as plain data.

Every name and description is what a Dutch functional administrator sees on screen. Sources, in
`/work/shared/seeds/` (see its README.md):

- SERVICE_TYPES: 001 "Dienstverlening" (dienstverleningssoorten: arbodienstverlening WVP, preventieve
  arbodienstverlening, ERD WGA-begeleiding, ZW-begeleiding), with 003 (schadelastbeheer onder een
  verzuimverzekering) and 002 (losse inzet van interventies, spoor 2).
- CATEGORIES: 000 "Inzet interventie" (the FML limitations, and the categories for use without
  dienstverlening). "COVID-19" from 000 is left out on purpose: on a trajectory it would name a diagnosis.
- END_GOALS: 000 (einddoelen), with spoor 1 / spoor 2 as in 002 and a preventive goal (000 "Duurzame
  inzetbaarheid / preventief").
- END_REASONS: 000 (beëindigingsredenen; succesvol / afgebroken / geen akkoord klant / overig) and 004 (PACTA
  reasons for ending a re-integration approach or a service: werkhervatting, overlijden, dienstverlener
  gestopt, onvoldoende gemotiveerd, foutief opgevoerd, op gezag van de coach), translated to absence work.
  The three names the process triggers use are fixed (SPEC §4).
- SICK_REPORT_END_REASONS: SPEC §7 and 004 (PACTA's reasons for ending a re-integration approach): the outcome
  classes work resumption (own, adapted, other employer), other outflow, end of waiting time, retirement and
  entered in error; each work resumption names the end goal it reaches.
- REGIONS: 000 ("Standaard wordt gewerkt met de Nederlandse provincies"), north to south.
- CHARACTERISTICS: 000 (interventiekenmerken); "Coaching bij psychische klachten" is split into "Coaching"
  and "Psychisch" (the kind of programme, never a diagnosis), "Fysiotherapie" is "Fysiek".
- SERVICE_VARIATIONS: 001 (the "De luxe" and "Op afroep" variations of arbodienstverlening WVP, with who carries
  the Poortwachter steps).
- ABSENCE_CAUSES: 002 ("Niet de medische oorzaak, maar de achterliggende reden"), each with the characteristics
  that fit it.
- INSURERS, LABELS, REFERRERS, CONTRACT_MODELS: 001 (verzekeraars met producten en mandaat, labels met
  huisstijl, aanmelders per label, contractmodellen met prijzen per taak); all fictional examples.
- DOCUMENT_TEMPLATES: 000 (offerte, bevestigingsbrief, "Geen inzet Interventie ivm geen akkoord klant"); 004
  (uitnodiging voor en verslag van een gesprek).
- TEMPLATES: 000 (the full "Inzet interventie" process and its task triggers), as fixed in SPEC §4.
- DEMO_PROVIDERS: fictional interventionists with the kinds of programmes 000 and 002 name.
"""

from decimal import Decimal

from .i18n import N_

# --------------------------------------------------------------------------------------------------------------
# Dienstverleningssoorten (001)
# --------------------------------------------------------------------------------------------------------------

SERVICE_TYPES = [
    {
        "name": N_("Arbodienstverlening WVP"),
        "description": "Verzuimbegeleiding volgens de Wet verbetering poortwachter: ziekmelding, probleemanalyse, "
        "plan van aanpak, evaluaties en re-integratieverslag, samen met bedrijfsarts en casemanager.",
    },
    {
        "name": N_("Preventieve arbodienstverlening"),
        "description": "Dienstverlening die verzuim helpt voorkomen: open spreekuur, preventief onderzoek, "
        "ondersteuning bij de RI&E en duurzame inzetbaarheid van medewerkers.",
    },
    {
        "name": N_("ERD WGA-begeleiding"),
        "description": "Begeleiding en schadelastbeheersing voor werkgevers die eigenrisicodrager zijn voor de WGA: "
        "re-integratie van gedeeltelijk arbeidsgeschikte (ex-)werknemers tijdens de eigenrisicoperiode.",
    },
    {
        "name": N_("ZW-begeleiding"),
        "description": "Begeleiding van zieke ex-werknemers en flexkrachten in de Ziektewet, voor werkgevers die "
        "eigenrisicodrager zijn voor de ZW.",
    },
    {
        "name": N_("Schadelastbeheer verzuimverzekering"),
        "description": "Casemanagement in het kader van een verzekerd belang: vroege betrokkenheid van de "
        "ontzorgmanager en interventies op basis van een kosten/baten-analyse, binnen het mandaat van de verzekeraar.",
    },
    {
        "name": N_("Interventies en re-integratie"),
        "description": "Losse inzet van interventies en re-integratietrajecten (spoor 1 en spoor 2) buiten een "
        "doorlopend begeleidingscontract.",
    },
]

# --------------------------------------------------------------------------------------------------------------
# Categorieën (000): waarom een interventie wordt ingezet
# --------------------------------------------------------------------------------------------------------------

CATEGORIES = [
    # Aan de hand van de FML-beperkingen (bij gebruik van dienstverleningen)
    {
        "name": N_("Persoonlijk functioneren"),
        "description": "FML-rubriek I: beperkingen in bijvoorbeeld concentratie, werktempo, omgaan met deadlines "
        "of het zelfstandig plannen van werk.",
        "service_type": None,
    },
    {
        "name": N_("Sociaal functioneren"),
        "description": "FML-rubriek II: beperkingen in samenwerken, omgaan met klanten of collega's, "
        "leidinggeven of omgaan met conflicten.",
        "service_type": None,
    },
    {
        "name": N_("Aanpassing aan fysieke omgevingseisen"),
        "description": "FML-rubriek III: beperkingen bij werken in bijvoorbeeld hitte, koude, lawaai of met "
        "persoonlijke beschermingsmiddelen.",
        "service_type": None,
    },
    {
        "name": N_("Dynamische handelingen"),
        "description": "FML-rubriek IV: beperkingen bij bijvoorbeeld tillen, dragen, lopen, bukken, klimmen of "
        "repeterende handelingen.",
        "service_type": None,
    },
    {
        "name": N_("Statische houdingen"),
        "description": "FML-rubriek V: beperkingen bij langdurig zitten, staan, geknield werken of werken boven "
        "schouderhoogte.",
        "service_type": None,
    },
    {
        "name": N_("Werktijden"),
        "description": "FML-rubriek VI: beperkingen in het aantal uren per dag of per week, of in avond- en "
        "nachtdiensten.",
        "service_type": None,
    },
    {
        "name": N_("Overig"),
        "description": "Een andere reden voor de interventie, niet in een FML-rubriek te vangen; licht toe in het "
        "traject.",
        "service_type": None,
    },
    # Zonder dienstverleningen
    {
        "name": N_("Arbo"),
        "description": "Interventie binnen de verzuimbegeleiding van een werknemer in dienst (Wet verbetering "
        "poortwachter).",
        "service_type": "Arbodienstverlening WVP",
    },
    {
        "name": N_("ZW"),
        "description": "Interventie voor een zieke ex-werknemer of flexkracht in de Ziektewet.",
        "service_type": "ZW-begeleiding",
    },
    {
        "name": N_("WIA/WGA"),
        "description": "Interventie voor een (ex-)werknemer met een WIA- of WGA-uitkering, bijvoorbeeld bij "
        "eigenrisicodragerschap WGA.",
        "service_type": "ERD WGA-begeleiding",
    },
    {
        "name": N_("Arbeidsomstandigheden"),
        "description": "Interventie gericht op de werkplek en de arbeidsomstandigheden, zoals een werkplekonderzoek "
        "of het oplossen van een arbeidsconflict.",
        "service_type": None,
    },
    {
        "name": N_("Duurzame inzetbaarheid / preventief"),
        "description": "Interventie om uitval te voorkomen en de medewerker duurzaam inzetbaar te houden, zonder "
        "lopende verzuimmelding.",
        "service_type": "Preventieve arbodienstverlening",
    },
]

# --------------------------------------------------------------------------------------------------------------
# Einddoelen (000): wat het traject beoogt; na afloop vergeleken met de beëindigingsreden
# --------------------------------------------------------------------------------------------------------------

END_GOALS = [
    {
        "name": N_("Werkhervatting eigen werk"),
        "description": "De werknemer hervat de eigen functie bij de eigen werkgever, volledig of in de eigen uren "
        "(spoor 1).",
    },
    {
        "name": N_("Werkhervatting aangepast werk eigen werkgever"),
        "description": "De werknemer hervat het eigen werk in aangepaste vorm bij de eigen werkgever, bijvoorbeeld "
        "met aangepaste taken, werkplek of werktijden (spoor 1).",
    },
    {
        "name": N_("Werkhervatting ander werk eigen werkgever"),
        "description": "De werknemer gaat passend ander werk doen binnen de organisatie van de eigen werkgever "
        "(spoor 1).",
    },
    {
        "name": N_("Werkhervatting ander werk andere werkgever"),
        "description": "De werknemer vindt passend werk bij een andere werkgever (spoor 2).",
    },
    {
        "name": N_("Behoud eigen werk (preventief)"),
        "description": "De medewerker blijft aan het werk in de eigen functie; uitval wordt voorkomen.",
    },
    {
        "name": N_("Overig"),
        "description": "Een ander doel, toegelicht in het traject.",
    },
]

# --------------------------------------------------------------------------------------------------------------
# Beëindigingsredenen (000, 004)
# --------------------------------------------------------------------------------------------------------------

END_REASONS = [
    {
        "name": N_("Interventie succesvol afgerond"),
        "description": "De eindrapportage is ontvangen en de interventie is volgens plan en met resultaat "
        "afgerond.",
        "outcome": "success",
        "work_resumption": False,
        "end_goal": None,
    },
    {
        "name": N_("Interventie niet succesvol afgerond"),
        "description": "De eindrapportage is ontvangen; de interventie is afgerond zonder het beoogde resultaat.",
        "outcome": "not_successful",
        "work_resumption": False,
        "end_goal": None,
    },
    {
        "name": N_("Interventie afgebroken"),
        "description": "De interventie is voortijdig gestopt, voordat het programma was afgerond.",
        "outcome": "not_successful",
        "work_resumption": False,
        "end_goal": None,
    },
    {
        "name": N_("Traject gestopt i.v.m. geen akkoord op offerte"),
        "description": "De klant is niet akkoord gegaan met de offerte; de interventie wordt niet ingezet.",
        "outcome": "no_approval",
        "work_resumption": False,
        "end_goal": None,
    },
    {
        "name": N_("Werkhervatting eigen werk"),
        "description": "De werknemer heeft het eigen werk bij de eigen werkgever hervat.",
        "outcome": "success",
        "work_resumption": True,
        "end_goal": "Werkhervatting eigen werk",
    },
    {
        "name": N_("Werkhervatting aangepast werk eigen werkgever"),
        "description": "De werknemer heeft het werk in aangepaste vorm bij de eigen werkgever hervat.",
        "outcome": "success",
        "work_resumption": True,
        "end_goal": "Werkhervatting aangepast werk eigen werkgever",
    },
    {
        "name": N_("Werkhervatting ander werk eigen werkgever"),
        "description": "De werknemer is aan het werk in een andere, passende functie bij de eigen werkgever.",
        "outcome": "success",
        "work_resumption": True,
        "end_goal": "Werkhervatting ander werk eigen werkgever",
    },
    {
        "name": N_("Werkhervatting ander werk andere werkgever"),
        "description": "De werknemer is aan het werk bij een andere werkgever (uitstroom via spoor 2).",
        "outcome": "success",
        "work_resumption": True,
        "end_goal": "Werkhervatting ander werk andere werkgever",
    },
    {
        "name": N_("Werk behouden (preventief)"),
        "description": "De medewerker is aan het werk gebleven in de eigen functie; uitval is voorkomen.",
        "outcome": "success",
        "work_resumption": False,
        "end_goal": "Behoud eigen werk (preventief)",
    },
    {
        "name": N_("Hersteld gemeld"),
        "description": "De werknemer is volledig hersteld gemeld en werkt weer volledig in het eigen werk; de "
        "interventie is niet meer nodig.",
        "outcome": "other",
        "work_resumption": True,
        "end_goal": "Werkhervatting eigen werk",
    },
    {
        "name": N_("Onvoldoende gemotiveerd"),
        "description": "De werknemer werkt onvoldoende mee aan de interventie of is onvoldoende gemotiveerd; het "
        "traject wordt gestopt.",
        "outcome": "not_successful",
        "work_resumption": False,
        "end_goal": None,
    },
    {
        "name": N_("Dienstverlener gestopt"),
        "description": "De provider (interventionist) kan het programma niet uitvoeren of afronden.",
        "outcome": "other",
        "work_resumption": False,
        "end_goal": None,
    },
    {
        "name": N_("Gestopt op advies van de bedrijfsarts"),
        "description": "De bedrijfsarts heeft geadviseerd de interventie (nu) niet voort te zetten.",
        "outcome": "other",
        "work_resumption": False,
        "end_goal": None,
    },
    {
        "name": N_("Gestopt op besluit van de casemanager"),
        "description": "De casemanager heeft besloten het traject te stoppen, bijvoorbeeld omdat een andere aanpak "
        "beter past.",
        "outcome": "other",
        "work_resumption": False,
        "end_goal": None,
    },
    {
        "name": N_("Uit dienst"),
        "description": "Het dienstverband van de werknemer is beëindigd zonder bekende werkhervatting elders.",
        "outcome": "other",
        "work_resumption": False,
        "end_goal": None,
    },
    {
        "name": N_("Instroom WIA"),
        "description": "De wachttijd is verstreken en de werknemer is ingestroomd in de WIA.",
        "outcome": "other",
        "work_resumption": False,
        "end_goal": None,
    },
    {
        "name": N_("Overlijden"),
        "description": "De werknemer is overleden.",
        "outcome": "other",
        "work_resumption": False,
        "end_goal": None,
    },
    {
        "name": N_("Foutief opgevoerd"),
        "description": "Het traject is ten onrechte gestart en telt niet mee in de resultaten.",
        "outcome": "erroneous",
        "work_resumption": False,
        "end_goal": None,
    },
    {
        "name": N_("Overig"),
        "description": "Een andere reden, toegelicht bij het afsluiten.",
        "outcome": "other",
        "work_resumption": False,
        "end_goal": None,
    },
]

# Corrections to seed items an earlier version loaded with another value. `traject init` applies each once, and only
# where the item still has the old value: an administrator's change is kept (casework.seed._Loader.correct).
SEED_CORRECTIONS = [
    {
        "kind": "end reason",
        "name": "Foutief opgevoerd",
        "field": "outcome",
        "old": "other",
        "new": "erroneous",
        "words": "beëindigingsreden Foutief opgevoerd heeft nu de uitkomstklasse Foutief opgevoerd (telt niet mee)",
    },
]

# --------------------------------------------------------------------------------------------------------------
# Beëindigingsredenen van verzuimmeldingen (SPEC §7; 004: PACTA's redenen om een aanpak te beëindigen)
# --------------------------------------------------------------------------------------------------------------

SICK_REPORT_END_REASONS = [
    {
        "name": N_("Hersteld eigen werk"),
        "description": "De werknemer werkt weer volledig in het eigen werk bij de eigen werkgever.",
        "outcome": "own_work",
        "end_goal": "Werkhervatting eigen werk",
    },
    {
        "name": N_("Aangepast werk eigen werkgever"),
        "description": "De werknemer werkt weer, in aangepaste vorm of uren, bij de eigen werkgever.",
        "outcome": "adapted_work",
        "end_goal": "Werkhervatting aangepast werk eigen werkgever",
    },
    {
        "name": N_("Ander werk eigen werkgever"),
        "description": "De werknemer werkt in een andere, passende functie bij de eigen werkgever (spoor 1).",
        "outcome": "adapted_work",
        "end_goal": "Werkhervatting ander werk eigen werkgever",
    },
    {
        "name": N_("Ander werk andere werkgever"),
        "description": "De werknemer werkt bij een andere werkgever (uitstroom via spoor 2).",
        "outcome": "other_employer",
        "end_goal": "Werkhervatting ander werk andere werkgever",
    },
    {
        "name": N_("Uit dienst"),
        "description": "Het dienstverband is geëindigd zonder werkhervatting; de verzuimbegeleiding stopt.",
        "outcome": "other_outflow",
        "end_goal": None,
    },
    {
        "name": N_("Einde wachttijd / WIA"),
        "description": "De wachttijd van 104 weken is voorbij; de werknemer stroomt in de WIA (of is "
        "afgewezen).",
        "outcome": "waiting_time_end",
        "end_goal": None,
    },
    {
        "name": N_("Pensioen"),
        "description": "De werknemer heeft de AOW-leeftijd bereikt of is met pensioen gegaan.",
        "outcome": "retirement",
        "end_goal": None,
    },
    {
        "name": N_("Overleden"),
        "description": "De werknemer is overleden.",
        "outcome": "other_outflow",
        "end_goal": None,
    },
    {
        "name": N_("Foutief opgevoerd"),
        "description": "De verzuimmelding was een vergissing; ze telt in geen enkel cijfer mee.",
        "outcome": "erroneous",
        "end_goal": None,
    },
]

# --------------------------------------------------------------------------------------------------------------
# Regio's (000): de twaalf provincies, van noord naar zuid
# --------------------------------------------------------------------------------------------------------------

# --------------------------------------------------------------------------------------------------------------
# Agenda (004, dia 15-21 en 38-45; 001: spreekuursoorten): soorten onbeschikbaarheid en spreekuursoorten. Prijzen
# en de variaties die een spreekuursoort toestaan zijn per installatie; locaties ook.
# --------------------------------------------------------------------------------------------------------------
UNAVAILABILITY_KINDS = [
    {"name": N_("Verlof"), "description": "Vakantie en ander verlof"},
    {"name": N_("Cursus"), "description": "Opleiding, training of congres"},
    {"name": N_("Ziekte"), "description": "Zelf ziek"},
    {"name": N_("Overleg"), "description": "Intern overleg of andere afspraak zonder cliënt"},
]
CONSULT_TYPES = [
    {"name": N_("Intakegesprek"), "duration_minutes": 60, "description": "Eerste gesprek met de werknemer"},
    {
        "name": N_("Voortgangsgesprek"),
        "duration_minutes": 45,
        "description": "Coaching- of voortgangsgesprek",
    },
    {"name": N_("Evaluatiegesprek"), "duration_minutes": 45, "description": "Evaluatie- of nazorggesprek"},
]

REGIONS = [
    {"name": "Groningen", "description": "Provincie Groningen"},
    {"name": "Fryslân", "description": "Provincie Fryslân (Friesland)"},
    {"name": "Drenthe", "description": "Provincie Drenthe"},
    {"name": "Overijssel", "description": "Provincie Overijssel"},
    {"name": "Flevoland", "description": "Provincie Flevoland"},
    {"name": "Gelderland", "description": "Provincie Gelderland"},
    {"name": "Utrecht", "description": "Provincie Utrecht"},
    {"name": "Noord-Holland", "description": "Provincie Noord-Holland"},
    {"name": "Zuid-Holland", "description": "Provincie Zuid-Holland"},
    {"name": "Zeeland", "description": "Provincie Zeeland"},
    {"name": "Noord-Brabant", "description": "Provincie Noord-Brabant"},
    {"name": "Limburg", "description": "Provincie Limburg"},
]

# --------------------------------------------------------------------------------------------------------------
# Interventiekenmerken (000): eigenschappen van een programma, los van cliëntkenmerken
# --------------------------------------------------------------------------------------------------------------

CHARACTERISTICS = [
    {
        "name": "AD-onderzoek",
        "description": "Arbeidsdeskundig onderzoek naar de mogelijkheden van de werknemer in het eigen werk, bij de "
        "eigen werkgever of daarbuiten.",
    },
    {
        "name": "Werkplekonderzoek",
        "description": "Onderzoek en advies op de werkplek, zoals werkplekaanpassingen en hulpmiddelen.",
    },
    {
        "name": "Spoor 2: Outplacement",
        "description": "Begeleiding naar passend werk bij een andere werkgever.",
    },
    {
        "name": "Spoor 2: Trainingen en opleidingen",
        "description": "Training, scholing of omscholing die de kansen op werk bij een andere werkgever vergroot.",
    },
    {
        "name": "Mediation",
        "description": "Bemiddeling door een onafhankelijke mediator bij een arbeidsconflict tussen werkgever en "
        "werknemer.",
    },
    {
        "name": "Bedrijfsmaatschappelijk werk",
        "description": "Ondersteuning bij werkgerelateerde of privéomstandigheden die het werk belemmeren.",
    },
    {
        "name": "Budgetcoaching",
        "description": "Hulp bij financiële zorgen, budgettering en het op orde brengen van de administratie.",
    },
    {
        "name": "Coaching",
        "description": "Individuele begeleiding door een coach, gericht op gedrag, keuzes en werkhervatting.",
    },
    {
        "name": "Psychisch",
        "description": "Programma gericht op mentale belastbaarheid en psychosociale ondersteuning. Dit kenmerk "
        "beschrijft het programma, niet de werknemer.",
    },
    {
        "name": "Fysiek",
        "description": "Programma gericht op fysieke belastbaarheid, zoals fysieke activering of "
        "arbeidsfysiotherapie. Dit kenmerk beschrijft het programma, niet de werknemer.",
    },
    {
        "name": "Individueel traject",
        "description": "Het programma wordt één op één met de werknemer uitgevoerd.",
    },
    {
        "name": "Groepstraject",
        "description": "Het programma wordt (deels) in een groep uitgevoerd.",
    },
    {
        "name": "Looptijd kort",
        "description": "Het programma duurt ongeveer drie maanden of korter.",
    },
    {
        "name": "Looptijd lang",
        "description": "Het programma duurt langer dan ongeveer drie maanden.",
    },
]

# --------------------------------------------------------------------------------------------------------------
# Verzuimoorzaken (002): de niet-medische, achterliggende reden van het verzuim, met de interventiekenmerken die
# erbij passen (T2 begint gefilterd op die kenmerken). Nooit een diagnose.
# --------------------------------------------------------------------------------------------------------------

ABSENCE_CAUSES = [
    {
        "name": "Werkgerelateerd",
        "description": "De reden ligt in het werk zelf: werkdruk, werkinhoud, werktijden of de werkplek.",
        "characteristics": ["Werkplekonderzoek"],
    },
    {
        "name": "Privé-omstandigheden",
        "description": "Omstandigheden thuis, zoals een echtscheiding of de zorg voor een ziek kind.",
        "characteristics": ["Bedrijfsmaatschappelijk werk"],
    },
    {
        "name": "Financiële zorgen",
        "description": "Schulden of geldzorgen die het functioneren op het werk raken.",
        "characteristics": ["Budgetcoaching"],
    },
    {
        "name": "Conflict",
        "description": "Een arbeidsconflict of een verstoorde verhouding met leidinggevende of collega's.",
        "characteristics": ["Mediation"],
    },
    {
        "name": "Kennis en vaardigheden",
        "description": "Onvoldoende kennis of vaardigheden om het werk uit te voeren.",
        "characteristics": ["Coaching"],
    },
    {
        "name": "Mantelzorg",
        "description": "De zorg voor een naaste naast het werk.",
        "characteristics": ["Bedrijfsmaatschappelijk werk"],
    },
    {
        "name": "Persoonlijk functioneren",
        "description": "De manier waarop iemand met het werk en met spanning omgaat (seed 002: 'iemands karakter').",
        "characteristics": ["Coaching"],
    },
    {
        "name": "Fysieke belasting in het werk",
        "description": "Het werk vraagt lichamelijk meer dan iemand nu aankan (tillen, staan, repeterend werk).",
        "characteristics": ["Fysiek"],
    },
    {
        "name": "Overig",
        "description": "Een andere niet-medische reden; licht die toe in een aantekening, nooit met medische gegevens.",
        "characteristics": [],
    },
]

# --------------------------------------------------------------------------------------------------------------
# Dienstverleningsvariaties (001)
# --------------------------------------------------------------------------------------------------------------

SERVICE_VARIATIONS = [
    {
        "name": "WVP De luxe",
        "description": "Arbodienstverlening waarbij alle WVP-taken van de werkgever worden overgenomen, inclusief de "
        "inzet van interventies.",
        "service_type": "Arbodienstverlening WVP",
        "templates": ["Inzet interventie"],
        "primary": "Inzet interventie",
        "poortwachter_carrier": "arbodienst",
    },
    {
        "name": "WVP Op afroep",
        "description": "Arbodienstverlening waarbij het poortwachterprotocol bij de werkgever blijft; interventies "
        "worden op verzoek van de werkgever ingezet.",
        "service_type": "Arbodienstverlening WVP",
        "templates": ["Inzet interventie"],
        "primary": "Inzet interventie",
        "poortwachter_carrier": "employer",
    },
    {
        "name": "WGA-begeleiding volledig",
        "description": "Volledige begeleiding van WGA-gerechtigden voor eigenrisicodragers, met inzet van "
        "interventies om de schadelast te beperken.",
        "service_type": "ERD WGA-begeleiding",
        "templates": ["Inzet interventie"],
        "primary": "Inzet interventie",
    },
    {
        "name": "Losse inzet interventies",
        "description": "Per interventie ingekochte dienstverlening, zonder doorlopend begeleidingscontract.",
        "service_type": "Interventies en re-integratie",
        "templates": ["Inzet interventie"],
        "primary": "Inzet interventie",
    },
]

# --------------------------------------------------------------------------------------------------------------
# Verzekeraars en verzekeringsproducten (001) — fictief voorbeeld
# --------------------------------------------------------------------------------------------------------------

INSURERS = [
    {
        "name": "Voorbeeld Verzekeringen N.V.",
        "description": "Voorbeeldverzekeraar voor verzuim- en WGA-eigenrisicodragerverzekeringen. Pas aan of "
        "deactiveer na de installatie.",
        "contact_name": "Marieke Jansen",
        "contact_email": "schadelastbeheer@voorbeeldverzekeringen.example.nl",
        "contact_phone": "030 012 34 56",
        "address": "Voorbeeldplein 10",
        "postcode": "3511 AB",
        "city": "Utrecht",
        "invoice_email": "facturen@voorbeeldverzekeringen.example.nl",
        "iban": "NL91ABNA0417164300",
        "products": [
            {
                "name": "Verzuimverzekering MKB met ontzorgbegeleiding",
                "description": "Verzuimverzekering voor het mkb; de verzekeraar vergoedt interventies binnen het "
                "mandaat als de kosten/baten-analyse dat onderbouwt.",
                "kind": "absence",
                "claims_management": True,
                "mandate": Decimal("2500.00"),
            },
            {
                "name": "WGA-eigenrisicodragerverzekering",
                "description": "Verzekering voor werkgevers die eigenrisicodrager zijn voor de WGA, met "
                "re-integratiebegeleiding van WGA-gerechtigden.",
                "kind": "wga",
                "claims_management": True,
                "mandate": Decimal("5000.00"),
            },
            {
                "name": "Collectieve WIA-excedentverzekering",
                "description": "Aanvulling op de WIA-uitkering voor het loon boven het maximumdagloon; zonder "
                "schadelastbeheersende dienstverlening.",
                "kind": "income",
                "claims_management": False,
                "mandate": None,
            },
        ],
    },
]

# --------------------------------------------------------------------------------------------------------------
# Labels (001) — fictief voorbeeld
# --------------------------------------------------------------------------------------------------------------

LABELS = [
    {
        "name": "Traject Voorbeeldlabel",
        "description": "Voorbeeldlabel met eigen huisstijl voor documenten en e-mails. Pas naam, kleuren, logo en "
        "briefhoofd aan na de installatie.",
        "colour_primary": "#1f4e79",
        "colour_secondary": "#e8eef5",
        "letterhead": "Traject Voorbeeldlabel\n"
        "Verzuim- en re-integratiebegeleiding\n"
        "Voorbeeldlaan 1 · 3511 AB Utrecht · 030 012 34 00 · info@voorbeeldlabel.example.nl",
        "variations": [
            "WVP De luxe",
            "WVP Op afroep",
            "WGA-begeleiding volledig",
            "Losse inzet interventies",
        ],
        "products": [
            "Verzuimverzekering MKB met ontzorgbegeleiding",
            "WGA-eigenrisicodragerverzekering",
            "Collectieve WIA-excedentverzekering",
        ],
    },
]

# --------------------------------------------------------------------------------------------------------------
# Aanmelders per label (001)
# --------------------------------------------------------------------------------------------------------------

REFERRERS = [
    {
        "label": "Traject Voorbeeldlabel",
        "name": "Voorbeeld Assurantiën B.V.",
        "description": "Assurantietussenpersoon die werkgevers aanmeldt bij het afsluiten van een verzuim- of "
        "WGA-verzekering.",
    },
    {
        "label": "Traject Voorbeeldlabel",
        "name": "Voorbeeld Verzekeringen N.V.",
        "description": "Aanmelding door de verzekeraar zelf, in het kader van een verzekerd belang.",
    },
    {
        "label": "Traject Voorbeeldlabel",
        "name": "Rechtstreeks",
        "description": "De werkgever heeft zich zelf aangemeld, zonder tussenpersoon.",
    },
]

# --------------------------------------------------------------------------------------------------------------
# Contractmodellen (001): prijzen per taak van "Inzet interventie"
# --------------------------------------------------------------------------------------------------------------

CONTRACT_MODELS = [
    {
        "name": "Verrichtingentarief WVP",
        "description": "Afrekening per uitgevoerde taak van het interventieproces, voor arbodienstverlening WVP.",
        "service_type": "Arbodienstverlening WVP",
        "prices": {
            "T1": Decimal("35.00"),
            "T2": Decimal("95.00"),
            "T3": Decimal("75.00"),
            "T4": Decimal("110.00"),
            "T5": Decimal("45.00"),
            "T6": Decimal("40.00"),
            "T7": Decimal("65.00"),
        },
    },
    {
        "name": "Verrichtingentarief ERD WGA",
        "description": "Afrekening per uitgevoerde taak van het interventieproces, voor WGA-begeleiding van "
        "eigenrisicodragers.",
        "service_type": "ERD WGA-begeleiding",
        "prices": {
            "T1": Decimal("40.00"),
            "T2": Decimal("110.00"),
            "T3": Decimal("85.00"),
            "T4": Decimal("125.00"),
            "T5": Decimal("50.00"),
            "T6": Decimal("45.00"),
            "T7": Decimal("75.00"),
        },
    },
]

# --------------------------------------------------------------------------------------------------------------
# Documentsjablonen (000)
# --------------------------------------------------------------------------------------------------------------

_QUOTE_BODY = """\
<p>{{ employer.name }}<br>
{{ employer.address }}<br>
{{ employer.postcode }} {{ employer.city }}</p>

<p>Datum: {{ today }}<br>
Betreft: offerte inzet interventie voor {{ employee.full_name }} (personeelsnummer {{ employee.personnel_number }})</p>

<p>Geachte heer, mevrouw,</p>

<p>Samen met u werken wij aan de re-integratie van uw medewerker {{ employee.full_name }}. Om de werkhervatting
te ondersteunen, stellen wij voor een interventie in te zetten. In deze offerte leest u welk programma wij
voorstellen, wat het kost en wat het naar verwachting oplevert. Wij vragen u om uw akkoord.</p>

<h3>Voorgestelde interventie</h3>
<table>
  <tr><th>Programma</th><td>{{ programme.name }}</td></tr>
  <tr><th>Uitgevoerd door</th><td>{{ provider.name }}</td></tr>
  <tr><th>Omschrijving</th><td>{{ programme.description }}</td></tr>
  <tr><th>Verwachte duur</th><td>{{ programme.duration_weeks }} weken</td></tr>
  <tr><th>Kosten programma</th><td>{{ programme.price }}</td></tr>
  <tr><th>Financier</th><td>{{ trajectory.financier }}</td></tr>
  <tr><th>Categorie</th><td>{{ trajectory.category }}</td></tr>
  <tr><th>Einddoel</th><td>{{ trajectory.end_goal }}</td></tr>
</table>
{% if cost_benefit.gross_benefit %}
<h3>Kosten/baten-analyse</h3>
<p>Met de kosten/baten-analyse onderbouwen wij de inzet van deze interventie financieel.</p>
<table>
  <tr><th>Verwachte reductie in verzuimdagen</th><td>{{ cost_benefit.reduction_days }} dagen</td></tr>
  <tr><th>Dagloon</th><td>{{ cost_benefit.daily_wage }}</td></tr>
  <tr><th>Bruto baten (verzuimdagen &times; dagloon)</th><td>{{ cost_benefit.gross_benefit }}</td></tr>
  <tr><th>Kosten programma</th><td>{{ programme.price }}</td></tr>
  <tr><th>Kosten dossiertijd</th><td>{{ cost_benefit.dossier_cost }}</td></tr>
  <tr><th>Totale kosten</th><td>{{ cost_benefit.cost }}</td></tr>
  <tr><th>Netto baten</th><td>{{ cost_benefit.net_benefit }}</td></tr>
  <tr><th>Verhouding baten/kosten</th><td>{{ cost_benefit.ratio }}</td></tr>
  <tr><th>Verwachte baten</th><td>{{ cost_benefit.expected_benefit }}</td></tr>
</table>
{% endif %}
<p>Na uw akkoord geven wij de opdracht aan {{ provider.name }} en start de interventie. Tijdens de uitvoering
ontvangen wij voortgangsrapportages en na afloop een eindrapportage; wij houden u op de hoogte. Zonder uw akkoord
zetten wij de interventie niet in.</p>

<p>Wij ontvangen uw reactie graag binnen vijf werkdagen. U kunt deze offerte ondertekend terugsturen of uw akkoord
per e-mail doorgeven aan {{ case_manager.email }}. Heeft u vragen, neem dan contact op met
{{ case_manager.name }}.</p>

<p>Met vriendelijke groet,</p>

<p>{{ case_manager.name }}<br>
Casemanager<br>
{{ label.name }}</p>

<h3>Akkoord</h3>
<table>
  <tr><th>Voor akkoord namens</th><td>{{ employer.name }}</td></tr>
  <tr><th>Naam</th><td>&nbsp;</td></tr>
  <tr><th>Functie</th><td>&nbsp;</td></tr>
  <tr><th>Datum</th><td>&nbsp;</td></tr>
  <tr><th>Handtekening</th><td>&nbsp;</td></tr>
</table>
"""

_CONFIRMATION_BODY = """\
<p>{{ provider.name }}<br>
{% if provider.contact_name %}t.a.v. {{ provider.contact_name }}<br>
{% endif %}{{ provider.email }}</p>

<p>Datum: {{ today }}<br>
Betreft: opdrachtbevestiging {{ programme.name }} voor {{ employee.full_name }}</p>

<p>{% if provider.contact_name %}Beste {{ provider.contact_name }},{% else %}Geachte heer, mevrouw,{% endif %}</p>

<p>Namens {{ employer.name }} geven wij u hierbij opdracht tot het uitvoeren van het interventieprogramma
{{ programme.name }}.{% if approval.decided_on %} De werkgever is op {{ approval.decided_on }} akkoord gegaan met
de offerte.{% endif %}</p>

<table>
  <tr><th>Werknemer</th><td>{{ employee.full_name }}</td></tr>
  <tr><th>Geboortedatum</th><td>{{ employee.birth_date }}</td></tr>
  <tr><th>Werkgever</th><td>{{ employer.name }}, {{ employer.city }}</td></tr>
  <tr><th>Programma</th><td>{{ programme.name }}</td></tr>
  <tr><th>Overeengekomen prijs</th><td>{{ programme.price }}</td></tr>
  <tr><th>Financier</th><td>{{ trajectory.financier }}</td></tr>
  <tr><th>Verwachte duur</th><td>{{ programme.duration_weeks }} weken</td></tr>
  <tr><th>Einddoel</th><td>{{ trajectory.end_goal }}</td></tr>
{% if intervention.started_on %}  <tr><th>Startdatum</th><td>{{ intervention.started_on }}</td></tr>
  <tr><th>Verwachte einddatum</th><td>{{ intervention.prognosis_end }}</td></tr>
{% endif %}</table>

<p>Wij vragen u binnen vijf werkdagen contact op te nemen met de werknemer voor een intake en ons de startdatum
door te geven.</p>

<p>Zolang de interventie loopt, ontvangen wij elke vier weken een voortgangsrapportage van u, en na afloop een
eindrapportage met uw conclusie: is het doel bereikt of niet? Lever de rapportages aan via uw persoonlijke,
beveiligde uploadlink, niet per gewone e-mail. Rapporteer alleen over de voortgang, de inzetbaarheid en het werk;
vermeld geen medische gegevens.</p>
{% if upload.url %}
<table>
  <tr><th>Uw uploadlink</th><td style="overflow-wrap: anywhere; word-break: break-all">{{ upload.url }}</td></tr>
  <tr><th>Geldig tot en met</th><td>{{ upload.expires_on }}</td></tr>
  <tr><th>Bestanden</th><td>PDF, hoogstens {{ upload.max_mb }} MB per rapportage</td></tr>
</table>
<p>Deze link is persoonlijk en hoort bij deze opdracht: deel hem niet. U heeft er geen account voor nodig.</p>
{% endif %}

<p>Wordt de interventie onderbroken of voortijdig gestopt, of verwacht u dat de einddatum niet wordt gehaald?
Laat het ons dan direct weten. Factureer na afloop onder vermelding van de naam van de werknemer en het
programma.</p>

<p>Voor vragen kunt u contact opnemen met {{ case_manager.name }} via {{ case_manager.email }}.</p>

<p>Met vriendelijke groet,</p>

<p>{{ case_manager.name }}<br>
Casemanager<br>
{{ label.name }}</p>
"""

_NO_APPROVAL_BODY = """\
<p>{{ employer.name }}<br>
{{ employer.address }}<br>
{{ employer.postcode }} {{ employer.city }}</p>

<p>Datum: {{ today }}<br>
Betreft: geen inzet interventie voor {{ employee.full_name }} (personeelsnummer {{ employee.personnel_number }})</p>

<p>Geachte heer, mevrouw,</p>

<p>{% if approval.decided_on %}Op {{ approval.decided_on }} heeft u{% else %}U heeft{% endif %} ons laten weten
niet akkoord te gaan met onze offerte voor de inzet van het interventieprogramma {{ programme.name }} voor uw
medewerker {{ employee.full_name }}. Met deze brief bevestigen wij dat wij deze interventie niet inzetten. Het
interventietraject dat op {{ trajectory.started_on }} is gestart, hebben wij afgesloten.</p>
{% if approval.remark %}
<p>Uw toelichting hebben wij als volgt vastgelegd: &ldquo;{{ approval.remark }}&rdquo;</p>
{% endif %}
<p>Wij wijzen u erop dat u als werkgever verantwoordelijk blijft voor de re-integratie van uw medewerker, zoals
de Wet verbetering poortwachter voorschrijft. UWV beoordeelt later of de re-integratie-inspanningen voldoende
zijn geweest. Wij raden u aan deze beslissing en de reden ervan vast te leggen in het re-integratiedossier.</p>

<p>Wilt u de mogelijkheden opnieuw bespreken, of alsnog een (andere) interventie inzetten? Neem dan contact op
met {{ case_manager.name }} via {{ case_manager.email }}. Wij denken graag met u mee.</p>

<p>Met vriendelijke groet,</p>

<p>{{ case_manager.name }}<br>
Casemanager<br>
{{ label.name }}</p>
"""

_INVITATION_BODY = """\
<p>{{ employee.full_name }}</p>

<p>Datum: {{ today }}<br>
Betreft: uitnodiging {{ consult.type|lower }}</p>

<p>Beste {{ employee.full_name }},</p>

<p>Graag nodigen wij u uit voor een {{ consult.type|lower }} met {{ consult.with_whom }}. Wij spreken u op
{{ consult.weekday }} {{ consult.date }} van {{ consult.start_time }} tot {{ consult.end_time }} uur
{%- if consult.location %} op onze locatie {{ consult.location }}
{%- if consult.location_details %} ({{ consult.location_details }}){% endif %}{% endif %}.</p>

<p>In dit gesprek kijken we samen hoe het met u gaat en wat u nodig heeft om (weer) aan het werk te gaan. Neem
gerust iemand mee als u dat prettig vindt. Over uw gezondheid hoeft u met ons niets te delen: dat bespreekt u
met de bedrijfsarts.</p>

<p>Kunt u op dit moment niet? Laat het ons dan zo snel mogelijk weten via {{ case_manager.email }}, dan maken we
een nieuwe afspraak. Komt u zonder bericht niet, dan plannen wij het gesprek één keer opnieuw in.</p>

<p>Met vriendelijke groet,</p>

<p>{{ case_manager.name }}<br>
Casemanager<br>
{{ label.name }}</p>
"""

_CONSULT_REPORT_BODY = """\
<h1>Verslag {{ consult.type|lower }}</h1>

<table>
<tr><th>Werknemer</th><td>{{ employee.full_name }} (personeelsnummer {{ employee.personnel_number }})</td></tr>
<tr><th>Werkgever</th><td>{{ employer.name }}</td></tr>
<tr><th>Gesprek</th><td>{{ consult.type }} op {{ consult.weekday }} {{ consult.date }}, {{ consult.start_time }}–{{ consult.end_time }} uur</td></tr>
<tr><th>Locatie</th><td>{{ consult.location }}</td></tr>
<tr><th>Gevoerd door</th><td>{{ consult.with_whom }}</td></tr>
</table>

<h2>Verslag</h2>
<p>{% if consult.report %}{{ consult.report }}{% else %}Geen verslag ingevuld.{% endif %}</p>

<p>Dit verslag bevat geen medische gegevens. Opgemaakt op {{ today }} door {{ case_manager.name }},
{{ label.name }}.</p>
"""

DOCUMENT_TEMPLATES = [
    {
        "name": "Offerte interventie",
        "description": "Offerte aan de werkgever voor de inzet van het gekozen interventieprogramma, met de "
        "kosten/baten-analyse, ter accordering (taak T4).",
        "subject": "Offerte inzet interventie {{ programme.name }} – {{ employee.full_name }}",
        "use_house_style": True,
        "body": _QUOTE_BODY,
    },
    {
        "name": "Bevestiging inzet interventie aan provider",
        "description": "Opdrachtbevestiging aan de provider na akkoord van de klant, met afspraken over de "
        "voortgangs- en eindrapportage (taak T5).",
        "subject": "Opdrachtbevestiging {{ programme.name }} – {{ employee.full_name }}",
        "use_house_style": True,
        "body": _CONFIRMATION_BODY,
    },
    {
        "name": "Geen inzet interventie i.v.m. geen akkoord klant",
        "description": "Brief aan de werkgever dat de interventie niet wordt ingezet omdat de offerte niet is "
        "geaccordeerd; het traject wordt gesloten.",
        "subject": "Geen inzet interventie – {{ employee.full_name }}",
        "use_house_style": True,
        "body": _NO_APPROVAL_BODY,
    },
    {
        "name": "Uitnodiging gesprek",
        "description": "Uitnodiging aan de werknemer voor een ingepland gesprek: datum, tijd, locatie en "
        "spreekuursoort (agenda).",
        "subject": "Uitnodiging {{ consult.type|lower }} op {{ consult.date }} – {{ employee.full_name }}",
        "use_house_style": True,
        "body": _INVITATION_BODY,
    },
    {
        "name": "Verslag gesprek",
        "description": "Verslag van een gevoerd gesprek, gemaakt bij het afmelden als afgehandeld (agenda).",
        "subject": "Verslag {{ consult.type|lower }} van {{ consult.date }} – {{ employee.full_name }}",
        "use_house_style": True,
        "body": _CONSULT_REPORT_BODY,
    },
]

# --------------------------------------------------------------------------------------------------------------
# Trajecttype "Inzet interventie" (000; SPEC §4)
# --------------------------------------------------------------------------------------------------------------

TEMPLATES = [
    {
        "name": N_("Inzet interventie"),
        "description": "Het inzetten van een interventie bij een werknemer: vastleggen van traject en polis, "
        "interventie- en programmaselectie, kosten/baten-analyse, offerte en akkoord, bevestiging aan de provider, "
        "voortgangsrapportages en eindrapportage.",
        "service_type": None,
        "tasks": [
            {
                "key": "T1",
                "name": N_("Vastleggen traject en polis"),
                "kind": "policy_selection",
                "due_offset_days": 0,
                "optional": True,
                "starts_with_trajectory": True,
                "description": "Koppel de inzet van de interventie aan het onderliggende schadetraject "
                "(verzuimmelding) en aan een eventueel lopende polis van de klant, en leg categorie en einddoel "
                "vast. Deze stap staat op dag 0 van het traject en is optioneel.",
                "document_template": None,
            },
            {
                "key": "T2",
                "name": N_("Interventie- en programmaselectie"),
                "kind": "programme_selection",
                "due_offset_days": 2,
                "optional": False,
                "starts_with_trajectory": False,
                "description": "Zoek aan de hand van de selectiecriteria (dienstverlening, regio's, kenmerken en "
                "eventueel een voorkeur voor een provider) het gewenste interventieprogramma van de interventionist "
                "en selecteer het.",
                "document_template": None,
            },
            {
                "key": "T3",
                "name": N_("Kosten/baten-analyse"),
                "kind": "cost_benefit",
                "due_offset_days": 3,
                "optional": True,
                "starts_with_trajectory": False,
                "description": "Maak de financiële onderbouwing van de interventie inzichtelijk met de gemiddelde "
                "reductie in verzuimdagen, de kosten van de dossiertijd, het dagloon en de verwachte baten. Deze "
                "stap is optioneel.",
                "document_template": None,
            },
            {
                "key": "T4",
                "name": N_("Offerte opstellen en laten accorderen"),
                "kind": "approval",
                "due_offset_days": 5,
                "optional": False,
                "starts_with_trajectory": False,
                "description": "De interventieofferte wordt gemaakt zodra deze taak klaarstaat (na de "
                "kosten/baten-analyse, of het overslaan daarvan); leg die ter accordering voor aan de klant en leg "
                "vast of de klant akkoord gaat. Alleen bij geen akkoord volgen de brief en het sluiten van het "
                "traject.",
                "document_template": "Offerte interventie",
            },
            {
                "key": "T5",
                "name": N_("Bevestiging naar provider"),
                "kind": "document",
                "due_offset_days": 1,
                "optional": False,
                "starts_with_trajectory": False,
                "description": "Stuur bij akkoord de bevestiging van de inzet naar de provider en nodig de provider "
                "uit om de voortgangsrapportages beveiligd aan te leveren.",
                "document_template": "Bevestiging inzet interventie aan provider",
            },
            {
                "key": "T6",
                "name": N_("Voortgangsrapportage ontvangen"),
                "kind": "report_received",
                "due_offset_days": 28,
                "optional": False,
                "starts_with_trajectory": False,
                "description": "Monitor de voortgang: leg vast wanneer de voortgangsrapportage van de provider is "
                "ontvangen, met een opmerking over de voortgang. Zolang de interventie loopt, komt deze taak elke vier weken terug.",
                "document_template": None,
            },
            {
                "key": "T7",
                "name": N_("Eindrapportage ontvangen"),
                "kind": "report_received",
                "due_offset_days": 0,
                "optional": False,
                "starts_with_trajectory": False,
                "description": "Leg vast dat de eindrapportage is ontvangen en hoe de interventie is afgesloten: "
                "succesvol, niet succesvol of afgebroken; daarna wordt het interventietraject gesloten met de "
                "bijbehorende beëindigingsreden.",
                "document_template": None,
            },
            {
                "key": "T4V",
                "name": N_("Akkoord verzekeraar (kosten boven mandaat)"),
                "kind": "approval",
                "due_offset_days": 5,
                "optional": False,
                "starts_with_trajectory": False,
                "description": "De kosten van het gekozen programma liggen boven het mandaat van de polis op het "
                "traject (verzekerd belang): vraag de verzekeraar om akkoord en leg het antwoord vast.",
                "document_template": None,
            },
        ],
        "triggers": [
            {
                "name": "T1 afgerond → T2 programmaselectie",
                "description": "Taak 2 komt omhoog wanneer taak 1 is uitgevoerd of overgeslagen: de interventie- en "
                "programmaselectie wordt toegevoegd met een termijn van 2 dagen.",
                "event": "task_completed",
                "conditions": [{"kind": "task_template", "task": "T1"}],
                "actions": [{"kind": "add_task", "task": "T2", "due_in_days": 2, "due_basis": "event"}],
            },
            {
                "name": "T2 afgerond → T3 kosten/baten-analyse",
                "description": "Taak 3 komt omhoog na het uitvoeren van taak 2: de kosten/baten-analyse wordt "
                "toegevoegd met een termijn van 3 dagen.",
                "event": "task_completed",
                "conditions": [{"kind": "task_template", "task": "T2"}],
                "actions": [{"kind": "add_task", "task": "T3", "due_in_days": 3, "due_basis": "event"}],
            },
            {
                "name": "T3 afgerond → T4 offerte",
                "description": "Met de eerste drie taken is de gekozen interventie een feit: de offerte wordt "
                "opgesteld en ter accordering voorgelegd, met een termijn van 5 dagen.",
                "event": "task_completed",
                "conditions": [{"kind": "task_template", "task": "T3"}],
                "actions": [{"kind": "add_task", "task": "T4", "due_in_days": 5, "due_basis": "event"}],
            },
            {
                "name": "T4 akkoord → T5 bevestiging provider",
                "description": "Bij akkoord op de offerte wordt de bevestiging naar de provider gestuurd, met een "
                "termijn van 1 dag.",
                "event": "task_completed",
                "conditions": [
                    {"kind": "task_template", "task": "T4"},
                    {"kind": "result_field_equals", "field": "approval", "value": "accepted"},
                ],
                "actions": [{"kind": "add_task", "task": "T5", "due_in_days": 1, "due_basis": "event"}],
            },
            {
                "name": "T4 geen akkoord → brief en traject sluiten",
                "description": "Bij geen akkoord wordt het document ‘Geen inzet interventie i.v.m. geen akkoord "
                "klant’ gemaakt en wordt het traject gesloten met de beëindigingsreden ‘Traject gestopt i.v.m. geen "
                "akkoord op offerte’.",
                "event": "task_completed",
                "conditions": [
                    {"kind": "task_template", "task": "T4"},
                    {"kind": "result_field_equals", "field": "approval", "value": "rejected"},
                ],
                "actions": [
                    {
                        "kind": "generate_document",
                        "document": "Geen inzet interventie i.v.m. geen akkoord klant",
                    },
                    {
                        "kind": "close_trajectory",
                        "end_reason": "Traject gestopt i.v.m. geen akkoord op offerte",
                    },
                ],
            },
            {
                "name": "T5 afgerond → interventie starten en monitoren",
                "description": "Na de bevestiging aan de provider start de interventie. De eerste "
                "voortgangsrapportage wordt over 4 weken verwacht, de eindrapportage op de prognose-einddatum.",
                "event": "task_completed",
                "conditions": [{"kind": "task_template", "task": "T5"}],
                "actions": [
                    {"kind": "start_intervention"},
                    {"kind": "add_task", "task": "T6", "due_in_days": 28, "due_basis": "event"},
                    {"kind": "add_task", "task": "T7", "due_in_days": 0, "due_basis": "prognosis_end"},
                ],
            },
            {
                "name": "T6 afgerond → volgende voortgangsrapportage",
                "description": "Zolang de interventie loopt, wordt elke 4 weken een nieuwe voortgangsrapportage "
                "verwacht; bij het sluiten van het traject vervalt de openstaande taak.",
                "event": "task_completed",
                "conditions": [{"kind": "task_template", "task": "T6"}],
                "actions": [{"kind": "add_task", "task": "T6", "due_in_days": 28, "due_basis": "event"}],
            },
            {
                "name": "T7 succesvol → traject sluiten",
                "description": "De eindrapportage meldt dat de interventie succesvol is: het interventietraject wordt "
                "gesloten met de beëindigingsreden ‘Interventie succesvol afgerond’.",
                "event": "task_completed",
                "conditions": [
                    {"kind": "task_template", "task": "T7"},
                    {"kind": "result_field_equals", "field": "conclusion", "value": "success"},
                ],
                "actions": [{"kind": "close_trajectory", "end_reason": "Interventie succesvol afgerond"}],
            },
            {
                "name": "T7 niet succesvol → traject sluiten",
                "description": "De eindrapportage meldt dat de interventie niet succesvol is: het interventietraject "
                "wordt gesloten met de beëindigingsreden ‘Interventie niet succesvol afgerond’.",
                "event": "task_completed",
                "conditions": [
                    {"kind": "task_template", "task": "T7"},
                    {"kind": "result_field_equals", "field": "conclusion", "value": "not_successful"},
                ],
                "actions": [
                    {"kind": "close_trajectory", "end_reason": "Interventie niet succesvol afgerond"}
                ],
            },
            {
                "name": "T7 afgebroken → traject sluiten",
                "description": "De eindrapportage meldt dat de interventie is afgebroken: het interventietraject "
                "wordt gesloten met de beëindigingsreden ‘Interventie afgebroken’.",
                "event": "task_completed",
                "conditions": [
                    {"kind": "task_template", "task": "T7"},
                    {"kind": "result_field_equals", "field": "conclusion", "value": "aborted"},
                ],
                "actions": [{"kind": "close_trajectory", "end_reason": "Interventie afgebroken"}],
            },
            {
                "name": "T2 kosten boven mandaat → akkoord verzekeraar",
                "description": "Kost het gekozen programma meer dan het mandaat van de polis op het traject, dan "
                "is akkoord van de verzekeraar nodig: de taak ‘Akkoord verzekeraar’ wordt toegevoegd met een termijn "
                "van 5 dagen (voorwaarde: “Kosten boven mandaat” van T2 is “Ja”).",
                "event": "task_completed",
                "conditions": [
                    {"kind": "task_template", "task": "T2"},
                    {"kind": "result_field_equals", "field": "above_mandate", "value": "true"},
                ],
                "actions": [{"kind": "add_task", "task": "T4V", "due_in_days": 5, "due_basis": "event"}],
            },
            {
                "name": "T4V geen akkoord verzekeraar → signaal casemanager",
                "description": "Gaat de verzekeraar niet akkoord met de kosten boven het mandaat, dan krijgt de "
                "casemanager een melding.",
                "event": "task_completed",
                "conditions": [
                    {"kind": "task_template", "task": "T4V"},
                    {"kind": "result_field_equals", "field": "approval", "value": "rejected"},
                ],
                "actions": [
                    {
                        "kind": "notify",
                        "role": "case_manager",
                        "text": "De verzekeraar gaat niet akkoord met de kosten boven het mandaat. Kies een ander "
                        "programma of spreek een andere financier af voordat de interventie start.",
                    },
                ],
            },
            {
                "name": "T4 te laat → signaal casemanager",
                "description": "Staat de offerte na de termijn nog open, dan krijgt de casemanager een melding om het "
                "akkoord van de klant na te vragen.",
                "event": "task_overdue",
                "conditions": [{"kind": "task_template", "task": "T4"}],
                "actions": [
                    {
                        "kind": "notify",
                        "role": "case_manager",
                        "text": "De offerte voor de interventie wacht nog op akkoord van de klant. Vraag het akkoord "
                        "na bij de werkgever en leg het besluit vast in taak T4.",
                    },
                ],
            },
        ],
    },
]

# --------------------------------------------------------------------------------------------------------------
# Demo: providers (interventionisten) en hun programma's — fictief, alleen voor `traject demo`
# --------------------------------------------------------------------------------------------------------------

DEMO_PROVIDERS = [
    {
        "name": "Mediationpraktijk Lindeveld",
        "description": "Geregistreerde mediators voor arbeidsconflicten tussen werkgever en werknemer.",
        "contact_name": "Esther Lindeveld",
        "email": "info@mediationlindeveld.example.nl",
        "phone": "030 021 45 80",
        "website": "https://www.mediationlindeveld.example.nl",
        "regions": ["Utrecht", "Gelderland", "Flevoland", "Noord-Holland"],
        "programmes": [
            {
                "name": "Mediation arbeidsconflict",
                "description": "Intake met beide partijen en drie tot vijf gezamenlijke gesprekken onder leiding van "
                "een mediator, afgesloten met een vaststellingsovereenkomst of werkafspraken.",
                "characteristics": ["Mediation", "Individueel traject", "Looptijd kort"],
                "regions": None,
                "service_types": [
                    "Arbodienstverlening WVP",
                    "Schadelastbeheer verzuimverzekering",
                    "Interventies en re-integratie",
                ],
                "price": Decimal("1850.00"),
                "duration_weeks": 6,
            },
            {
                "name": "Conflictcoaching werknemer",
                "description": "Vier coachgesprekken die de werknemer voorbereiden op een gesprek met de "
                "leidinggevende of op mediation.",
                "characteristics": ["Coaching", "Individueel traject", "Looptijd kort"],
                "regions": None,
                "service_types": [
                    "Arbodienstverlening WVP",
                    "Schadelastbeheer verzuimverzekering",
                    "Interventies en re-integratie",
                ],
                "price": Decimal("950.00"),
                "duration_weeks": 4,
            },
            {
                "name": "Teammediation",
                "description": "Mediation bij een conflict binnen een team, met groepssessies en individuele "
                "gesprekken.",
                "characteristics": ["Mediation", "Groepstraject", "Looptijd kort"],
                "regions": ["Utrecht", "Gelderland"],
                "service_types": ["Arbodienstverlening WVP", "Preventieve arbodienstverlening"],
                "price": Decimal("3200.00"),
                "duration_weeks": 8,
            },
        ],
    },
    {
        "name": "Arbeidsdeskundig Bureau Hoogerwaard",
        "description": "Gecertificeerde arbeidsdeskundigen voor onderzoek naar mogelijkheden in spoor 1 en spoor 2.",
        "contact_name": "Ruud Hoogerwaard",
        "email": "planning@ab-hoogerwaard.example.nl",
        "phone": "010 034 21 90",
        "website": "https://www.ab-hoogerwaard.example.nl",
        "regions": ["Zuid-Holland", "Zeeland", "Noord-Brabant", "Utrecht"],
        "programmes": [
            {
                "name": "Arbeidsdeskundig onderzoek",
                "description": "Onderzoek naar de mogelijkheden in het eigen werk, bij de eigen werkgever en "
                "daarbuiten, met rapport en advies over spoor 1 en spoor 2.",
                "characteristics": ["AD-onderzoek", "Individueel traject", "Looptijd kort"],
                "regions": None,
                "service_types": [
                    "Arbodienstverlening WVP",
                    "ERD WGA-begeleiding",
                    "ZW-begeleiding",
                    "Schadelastbeheer verzuimverzekering",
                    "Interventies en re-integratie",
                ],
                "price": Decimal("1250.00"),
                "duration_weeks": 4,
            },
            {
                "name": "Werkplekonderzoek",
                "description": "Bezoek aan de werkplek met advies over aanpassingen, hulpmiddelen en taakverdeling.",
                "characteristics": ["Werkplekonderzoek", "Individueel traject", "Looptijd kort"],
                "regions": None,
                "service_types": [
                    "Arbodienstverlening WVP",
                    "Preventieve arbodienstverlening",
                    "Schadelastbeheer verzuimverzekering",
                    "Interventies en re-integratie",
                ],
                "price": Decimal("650.00"),
                "duration_weeks": 2,
            },
            {
                "name": "Arbeidsmarktverkenning spoor 2",
                "description": "Verkenning van passende functies en de regionale arbeidsmarkt, als start van een "
                "tweede spoor.",
                "characteristics": ["AD-onderzoek", "Spoor 2: Outplacement", "Looptijd kort"],
                "regions": ["Zuid-Holland", "Noord-Brabant"],
                "service_types": [
                    "Arbodienstverlening WVP",
                    "ERD WGA-begeleiding",
                    "ZW-begeleiding",
                    "Interventies en re-integratie",
                ],
                "price": Decimal("875.00"),
                "duration_weeks": 3,
            },
        ],
    },
    {
        "name": "Loopbaancentrum Dijkstede",
        "description": "Re-integratiebureau voor tweede spoor, outplacement en sollicitatiebegeleiding.",
        "contact_name": "Nadia Bouzid",
        "email": "aanmelden@loopbaancentrumdijkstede.example.nl",
        "phone": "020 045 67 10",
        "website": "https://www.loopbaancentrumdijkstede.example.nl",
        "regions": ["Noord-Holland", "Zuid-Holland", "Utrecht", "Flevoland"],
        "programmes": [
            {
                "name": "Loopbaancoaching spoor 2",
                "description": "Begeleiding naar werk bij een andere werkgever: loopbaananalyse, zoekprofiel, "
                "netwerken, solliciteren en nazorg na plaatsing.",
                "characteristics": [
                    "Spoor 2: Outplacement",
                    "Coaching",
                    "Individueel traject",
                    "Looptijd lang",
                ],
                "regions": None,
                "service_types": [
                    "Arbodienstverlening WVP",
                    "ERD WGA-begeleiding",
                    "ZW-begeleiding",
                    "Interventies en re-integratie",
                ],
                "price": Decimal("3950.00"),
                "duration_weeks": 26,
            },
            {
                "name": "Outplacementtraject intensief",
                "description": "Intensieve begeleiding naar een nieuwe baan met jobhunting en bemiddeling bij "
                "werkgevers in de regio.",
                "characteristics": ["Spoor 2: Outplacement", "Individueel traject", "Looptijd lang"],
                "regions": None,
                "service_types": [
                    "Arbodienstverlening WVP",
                    "ERD WGA-begeleiding",
                    "ZW-begeleiding",
                    "Interventies en re-integratie",
                ],
                "price": Decimal("5950.00"),
                "duration_weeks": 39,
            },
            {
                "name": "Sollicitatietraining in groep",
                "description": "Zes bijeenkomsten over cv, brief, netwerken en sollicitatiegesprekken, met "
                "oefengesprekken.",
                "characteristics": ["Spoor 2: Trainingen en opleidingen", "Groepstraject", "Looptijd kort"],
                "regions": None,
                "service_types": [
                    "Arbodienstverlening WVP",
                    "ERD WGA-begeleiding",
                    "ZW-begeleiding",
                    "Interventies en re-integratie",
                ],
                "price": Decimal("750.00"),
                "duration_weeks": 6,
            },
        ],
    },
    {
        "name": "Beweegcentrum Vennebroek",
        "description": "Arbeidsfysiotherapeuten en bewegingsagogen voor fysieke activering gericht op werk.",
        "contact_name": "Gert-Jan Mulder",
        "email": "info@beweegcentrumvennebroek.example.nl",
        "phone": "053 067 89 20",
        "website": "https://www.beweegcentrumvennebroek.example.nl",
        "regions": ["Overijssel", "Gelderland", "Drenthe"],
        "programmes": [
            {
                "name": "Fysiek activeringsprogramma",
                "description": "Twee keer per week trainen op werkgerichte belastbaarheid, met een opbouwschema dat "
                "aansluit op de werkhervatting.",
                "characteristics": ["Fysiek", "Individueel traject", "Looptijd kort"],
                "regions": None,
                "service_types": [
                    "Arbodienstverlening WVP",
                    "ERD WGA-begeleiding",
                    "ZW-begeleiding",
                    "Schadelastbeheer verzuimverzekering",
                    "Interventies en re-integratie",
                ],
                "price": Decimal("2450.00"),
                "duration_weeks": 12,
            },
            {
                "name": "Groepsprogramma werkfit",
                "description": "Trainen in een kleine groep aan conditie en werkhoudingen, met voorlichting over "
                "belasting en belastbaarheid.",
                "characteristics": ["Fysiek", "Groepstraject", "Looptijd kort"],
                "regions": ["Overijssel", "Gelderland"],
                "service_types": [
                    "Arbodienstverlening WVP",
                    "ERD WGA-begeleiding",
                    "ZW-begeleiding",
                    "Schadelastbeheer verzuimverzekering",
                    "Interventies en re-integratie",
                ],
                "price": Decimal("1650.00"),
                "duration_weeks": 10,
            },
            {
                "name": "Werkplekgerichte training",
                "description": "Training van werkhoudingen en handelingen op de eigen werkplek, met advies aan de "
                "leidinggevende.",
                "characteristics": ["Fysiek", "Werkplekonderzoek", "Individueel traject", "Looptijd kort"],
                "regions": None,
                "service_types": [
                    "Arbodienstverlening WVP",
                    "Schadelastbeheer verzuimverzekering",
                    "Interventies en re-integratie",
                ],
                "price": Decimal("1100.00"),
                "duration_weeks": 6,
            },
        ],
    },
    {
        "name": "Coachingspraktijk Zilverberk",
        "description": "Psychologen en coaches voor kortdurende begeleiding gericht op werk en mentale veerkracht.",
        "contact_name": "Lotte van Aerle",
        "email": "intake@zilverberk.example.nl",
        "phone": "040 078 12 30",
        "website": "https://www.zilverberk.example.nl",
        "regions": ["Noord-Brabant", "Limburg", "Zeeland"],
        "programmes": [
            {
                "name": "Psychosociale begeleiding (kortdurend)",
                "description": "Zes tot acht gesprekken gericht op het hervatten van werk, het stellen van grenzen "
                "en een haalbare opbouw van taken.",
                "characteristics": ["Psychisch", "Coaching", "Individueel traject", "Looptijd kort"],
                "regions": None,
                "service_types": [
                    "Arbodienstverlening WVP",
                    "ERD WGA-begeleiding",
                    "ZW-begeleiding",
                    "Schadelastbeheer verzuimverzekering",
                    "Interventies en re-integratie",
                ],
                "price": Decimal("1450.00"),
                "duration_weeks": 8,
            },
            {
                "name": "Psychosociale begeleiding (langdurend)",
                "description": "Begeleiding over een langere periode met een werkgericht plan, terugvalpreventie en "
                "afstemming met werkgever en casemanager.",
                "characteristics": ["Psychisch", "Coaching", "Individueel traject", "Looptijd lang"],
                "regions": None,
                "service_types": [
                    "Arbodienstverlening WVP",
                    "ERD WGA-begeleiding",
                    "ZW-begeleiding",
                    "Schadelastbeheer verzuimverzekering",
                    "Interventies en re-integratie",
                ],
                "price": Decimal("3400.00"),
                "duration_weeks": 20,
            },
            {
                "name": "Coaching werk-privébalans",
                "description": "Vijf coachgesprekken over het combineren van werk met zorgtaken of andere "
                "privéomstandigheden.",
                "characteristics": ["Coaching", "Individueel traject", "Looptijd kort"],
                "regions": None,
                "service_types": [
                    "Arbodienstverlening WVP",
                    "Preventieve arbodienstverlening",
                    "Schadelastbeheer verzuimverzekering",
                    "Interventies en re-integratie",
                ],
                "price": Decimal("980.00"),
                "duration_weeks": 6,
            },
            {
                "name": "Training mentale veerkracht",
                "description": "Groepstraining van acht bijeenkomsten over energie, stress en werkdruk, voor "
                "medewerkers die uitval willen voorkomen.",
                "characteristics": ["Psychisch", "Groepstraject", "Looptijd kort"],
                "regions": ["Noord-Brabant", "Limburg"],
                "service_types": ["Preventieve arbodienstverlening", "Arbodienstverlening WVP"],
                "price": Decimal("1200.00"),
                "duration_weeks": 8,
            },
        ],
    },
    {
        "name": "Bedrijfsmaatschappelijk Werk Waddenkust",
        "description": "Bedrijfsmaatschappelijk werkers voor werkgevers in Noord-Nederland.",
        "contact_name": "Sjoukje Hoekstra",
        "email": "contact@bmw-waddenkust.example.nl",
        "phone": "058 089 34 50",
        "website": "https://www.bmw-waddenkust.example.nl",
        "regions": ["Groningen", "Fryslân", "Drenthe"],
        "programmes": [
            {
                "name": "Bedrijfsmaatschappelijk werk (kortdurend)",
                "description": "Kortdurende ondersteuning bij werkgerelateerde of privéomstandigheden die het werk "
                "belemmeren, met verwijzing waar nodig.",
                "characteristics": ["Bedrijfsmaatschappelijk werk", "Individueel traject", "Looptijd kort"],
                "regions": None,
                "service_types": [
                    "Arbodienstverlening WVP",
                    "ERD WGA-begeleiding",
                    "ZW-begeleiding",
                    "Schadelastbeheer verzuimverzekering",
                    "Interventies en re-integratie",
                ],
                "price": Decimal("890.00"),
                "duration_weeks": 8,
            },
            {
                "name": "Ondersteuning werkende mantelzorger",
                "description": "Begeleiding van medewerkers die werk en mantelzorg combineren, met afspraken over "
                "werktijden en verlofmogelijkheden.",
                "characteristics": [
                    "Bedrijfsmaatschappelijk werk",
                    "Coaching",
                    "Individueel traject",
                    "Looptijd kort",
                ],
                "regions": None,
                "service_types": [
                    "Arbodienstverlening WVP",
                    "Preventieve arbodienstverlening",
                    "Schadelastbeheer verzuimverzekering",
                    "Interventies en re-integratie",
                ],
                "price": Decimal("950.00"),
                "duration_weeks": 8,
            },
            {
                "name": "Mediation arbeidsconflict Noord",
                "description": "Mediation door een bedrijfsmaatschappelijk werker met mediatorregistratie, bij een "
                "arbeidsconflict tussen werkgever en werknemer.",
                "characteristics": ["Mediation", "Individueel traject", "Looptijd kort"],
                "regions": ["Groningen", "Fryslân"],
                "service_types": [
                    "Arbodienstverlening WVP",
                    "Schadelastbeheer verzuimverzekering",
                    "Interventies en re-integratie",
                ],
                "price": Decimal("1650.00"),
                "duration_weeks": 6,
            },
        ],
    },
    {
        "name": "Budgetbureau Kroonhof",
        "description": "Landelijk werkende budgetcoaches en schuldhulpverleners, op locatie en online.",
        "contact_name": "Marco de Kroon",
        "email": "aanmelding@budgetbureaukroonhof.example.nl",
        "phone": "088 090 11 22",
        "website": "https://www.budgetbureaukroonhof.example.nl",
        "regions": [
            "Groningen",
            "Fryslân",
            "Drenthe",
            "Overijssel",
            "Flevoland",
            "Gelderland",
            "Utrecht",
            "Noord-Holland",
            "Zuid-Holland",
            "Zeeland",
            "Noord-Brabant",
            "Limburg",
        ],
        "programmes": [
            {
                "name": "Budgetcoaching",
                "description": "Huisbezoek en vier vervolggesprekken: inzicht in inkomsten en uitgaven, een "
                "haalbaar budgetplan en de administratie op orde.",
                "characteristics": ["Budgetcoaching", "Individueel traject", "Looptijd kort"],
                "regions": None,
                "service_types": [
                    "Arbodienstverlening WVP",
                    "ERD WGA-begeleiding",
                    "ZW-begeleiding",
                    "Schadelastbeheer verzuimverzekering",
                    "Interventies en re-integratie",
                ],
                "price": Decimal("795.00"),
                "duration_weeks": 8,
            },
            {
                "name": "Begeleiding bij schulden",
                "description": "Begeleiding bij problematische schulden: overzicht, contact met schuldeisers en "
                "toeleiding naar schuldhulpverlening van de gemeente.",
                "characteristics": ["Budgetcoaching", "Individueel traject", "Looptijd lang"],
                "regions": None,
                "service_types": [
                    "Arbodienstverlening WVP",
                    "ERD WGA-begeleiding",
                    "ZW-begeleiding",
                    "Schadelastbeheer verzuimverzekering",
                    "Interventies en re-integratie",
                ],
                "price": Decimal("1650.00"),
                "duration_weeks": 26,
            },
            {
                "name": "Workshop financieel fit",
                "description": "Workshop van twee dagdelen voor medewerkers over geldzaken, vroegsignalering en "
                "waar je hulp vindt.",
                "characteristics": ["Budgetcoaching", "Groepstraject", "Looptijd kort"],
                "regions": None,
                "service_types": ["Preventieve arbodienstverlening"],
                "price": Decimal("450.00"),
                "duration_weeks": 2,
            },
        ],
    },
    {
        "name": "Scholingscentrum Eemhaven",
        "description": "Opleidingen, omscholing en jobcoaching voor werkhervatting in nieuw werk.",
        "contact_name": "Henk Brouwer",
        "email": "trajecten@eemhaven-scholing.example.nl",
        "phone": "033 023 56 70",
        "website": "https://www.eemhaven-scholing.example.nl",
        "regions": ["Utrecht", "Gelderland", "Flevoland", "Overijssel", "Noord-Holland"],
        "programmes": [
            {
                "name": "Omscholingstraject",
                "description": "Vakgerichte opleiding met stage naar een beroep dat past bij de mogelijkheden van "
                "de werknemer, inclusief studiebegeleiding.",
                "characteristics": [
                    "Spoor 2: Trainingen en opleidingen",
                    "Individueel traject",
                    "Looptijd lang",
                ],
                "regions": None,
                "service_types": [
                    "Arbodienstverlening WVP",
                    "ERD WGA-begeleiding",
                    "ZW-begeleiding",
                    "Interventies en re-integratie",
                ],
                "price": Decimal("6450.00"),
                "duration_weeks": 40,
            },
            {
                "name": "Jobcoaching bij werkhervatting",
                "description": "Een jobcoach begeleidt de werknemer op de werkplek bij het inwerken in nieuw of "
                "aangepast werk.",
                "characteristics": ["Coaching", "Individueel traject", "Looptijd lang"],
                "regions": None,
                "service_types": [
                    "Arbodienstverlening WVP",
                    "ERD WGA-begeleiding",
                    "ZW-begeleiding",
                    "Schadelastbeheer verzuimverzekering",
                    "Interventies en re-integratie",
                ],
                "price": Decimal("2800.00"),
                "duration_weeks": 26,
            },
            {
                "name": "Vitaliteitsprogramma duurzame inzetbaarheid",
                "description": "Groepsprogramma over beweging, energie en loopbaan, voor teams die duurzaam inzetbaar "
                "willen blijven.",
                "characteristics": ["Fysiek", "Groepstraject", "Looptijd kort"],
                "regions": ["Utrecht", "Gelderland"],
                "service_types": ["Preventieve arbodienstverlening"],
                "price": Decimal("1350.00"),
                "duration_weeks": 8,
            },
        ],
    },
]
