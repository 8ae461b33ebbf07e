"""Groups of ontology classes (local names) the extraction rules reason about."""

PLACES = frozenset({"Country", "Region"})
ORGANIZATIONS = frozenset({"Organization", "UNEntity", "IntergovernmentalOrganization", "NonGovernmentalOrganization",
                           "NationalBody", "Company", "AcademicInstitution"})
PLACE_OR_ORG = PLACES | ORGANIZATIONS
PROGRAMMES = frozenset({"Programme", "GlobalProgramme", "RegionalProgramme", "CountryProgramme", "Initiative",
                        "Network", "Platform", "Campaign", "TrustFund", "Project"})
TREATIES = frozenset({"Treaty", "Convention", "Protocol"})
BODIES = frozenset({"IntergovernmentalBody", "Commission", "PrincipalOrgan", "ConferenceOfParties", "WorkingGroup",
                    "ReviewMechanism", "Congress", "ExpertBody"})
INSTRUMENTS = frozenset({"Instrument", "Declaration", "Strategy", "ActionPlan", "Standard", "Agenda", "Goal"})
RESOLUTIONS = frozenset({"Resolution", "Decision"})

FAMILIES = {
    "Body": BODIES,
    "Resolution": RESOLUTIONS,
    "Treaty": TREATIES,
    "Instrument": INSTRUMENTS,
    "Programme": PROGRAMMES,
    "Organization": ORGANIZATIONS,
    "Country": frozenset({"Country"}),
    "Region": frozenset({"Region"}),
}


def family(etype: str) -> str:
    """The top class (Body, Treaty, Programme …) an ontology class belongs to."""
    return next((name for name, members in FAMILIES.items() if etype in members), "Other")
