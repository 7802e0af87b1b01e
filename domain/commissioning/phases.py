"""The phase of a request, from the school's register record: the register's "phase of education"
(Get Information about Schools) in the request's own phases (domain.designation.specialisms.PHASES).
The register says "Not applicable" for special schools and pupil referral units: their type tells."""

# The register's phases of education, as it writes them.
REGISTER_PHASES = {
    "nursery": "early_years",
    "primary": "primary",
    "middle deemed primary": "primary",
    "secondary": "secondary",
    "middle deemed secondary": "secondary",
    "16 plus": "post_16",
    "all-through": "all_through",
    "all through": "all_through",
}


def request_phase(school) -> str:
    """The request's phase for the school, or "" when the register does not say (then it is asked)."""
    if school is None:
        return ""
    phase = REGISTER_PHASES.get(" ".join((school.phase or "").lower().split()))
    if phase:
        return phase
    kind = (school.type_name or "").lower()
    if "special" in kind:
        return "special"
    if "pupil referral" in kind or "alternative provision" in kind:
        return "alternative_provision"
    return ""
