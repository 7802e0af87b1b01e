"""The nine English regions, with the names GIAS uses and the codes the hub areas use."""

REGIONS = [
    ("NE", "North East"),
    ("NW", "North West"),
    ("YH", "Yorkshire and the Humber"),
    ("EM", "East Midlands"),
    ("WM", "West Midlands"),
    ("EE", "East of England"),
    ("L", "London"),
    ("SE", "South East"),
    ("SW", "South West"),
]

# Other spellings of region names seen in published files, mapped to the GIAS name.
ALIASES = {
    "yorkshire and humber": "Yorkshire and the Humber",
    "yorkshire & the humber": "Yorkshire and the Humber",
    "yorkshire & humber": "Yorkshire and the Humber",
    "east of england": "East of England",
    "eastern": "East of England",
}


def canonical_region_name(name: str) -> str | None:
    """The GIAS name for a region as a file spells it; None for Wales, "Not applicable" and blanks."""
    cleaned = " ".join((name or "").replace("(England)", "").split()).strip()
    if not cleaned:
        return None
    lowered = cleaned.lower()
    for _, known in REGIONS:
        if known.lower() == lowered:
            return known
    return ALIASES.get(lowered)
