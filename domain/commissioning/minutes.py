"""The minutes of a panel meeting as headings and rows, the same for CSV and XLSX (seed 002: the
panel records its choice, recusals and rationale, including why it passed over the top
suggestion). Reading only: it changes nothing."""

from django.utils import timezone

from .selectors import agenda_of

HEADINGS = [
    "Meeting",
    "Date",
    "Place",
    "Members",
    "Status",
    "Request",
    "School",
    "Needs",
    "Top suggestion",
    "Top suggestion's score (%)",
    "Chosen leader",
    "Chosen leader's score (%)",
    "Rank of the chosen leader",
    "Rationale",
    "Why the top suggestion was passed over",
    "Members who declared a conflict",
    "Decided by",
    "Decided at",
]


def percentage(score) -> float | str:
    """A score from 0 to 1 as a percentage to one decimal place ("" when there is none)."""
    return "" if score is None else round(float(score) * 100, 1)


def _local(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def eligible_of(item) -> list[dict]:
    """The candidates the panel could choose, best first."""
    return [c for c in (item.candidates or []) if not c.get("excluded")]


def minutes_rows(meeting) -> list[list]:
    """One row per agenda item (one row with the meeting alone when the agenda is empty). Members
    are prefetched once; the agenda is read in a fixed number of queries."""
    members = "; ".join(sorted(m.full_name for m in meeting.members.all()))
    heading = [
        meeting.organisation.name,
        _local(meeting.meets_at),
        meeting.place,
        members,
        meeting.get_status_display(),
    ]
    rows = []
    for item in agenda_of(meeting):
        request = item.request
        eligible = eligible_of(item)
        top = eligible[0] if eligible else None
        chosen, rank = None, ""
        if item.chosen_leader_id:
            for position, candidate in enumerate(eligible, start=1):
                if candidate["leader_id"] == item.chosen_leader_id:
                    chosen, rank = candidate, position
                    break
        rows.append(
            heading
            + [
                request.reference,
                request.client_school.display_name,
                "; ".join(request.need_labels),
                top["name"] if top else "No eligible candidate",
                percentage(top["score"]) if top else "",
                item.chosen_leader.full_name if item.chosen_leader_id else "Not decided",
                percentage(chosen["score"]) if chosen else "",
                rank,
                item.rationale,
                item.passed_over_reason,
                "; ".join(sorted(p.full_name for p in item.recused.all())),
                item.decided_by.full_name if item.decided_by_id and item.decided_by else "",
                _local(item.decided_at),
            ]
        )
    if not rows:
        rows.append(heading + [""] * (len(HEADINGS) - len(heading)))
    return rows


def minutes_filename(meeting) -> str:
    return f"panel-minutes-{timezone.localtime(meeting.meets_at):%Y-%m-%d}-{meeting.pk}"
