"""Panel meetings: scheduling, the agenda with ranked candidates and their reasons, the panel's
decision (why it passed over the top suggestion), holding or cancelling, and the minutes."""

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from domain.commissioning import meeting_services, request_services
from domain.commissioning.models import AgendaItem, Offer, PanelMeeting, SupportRequest
from tests.queries import assert_constant_queries

from .conftest import offer_days, text_of


def meeting_url(meeting, name="broker:meeting", **kwargs):
    return reverse(name, kwargs={"meeting_id": meeting.pk, **kwargs})


@pytest.fixture
def agenda(demo):
    """The referred request accepted for matching and on a new meeting's agenda, with two SLEs
    (Aire's and the hub's) who have days to give."""
    offer_days(demo["sle.maths"])
    offer_days(demo["sle.english"])
    coordinator = demo["coordinator"]
    request_services.request_triage(actor=coordinator, request=demo["referred"])
    meeting = meeting_services.meeting_schedule(
        actor=coordinator,
        organisation=demo["aire"],
        meets_at=timezone.now() + dt.timedelta(days=3),
        members=[coordinator, demo["panel.member"]],
    )
    item = meeting_services.agenda_add(actor=coordinator, meeting=meeting, request=demo["referred"])
    return meeting, item


def test_the_coordinator_schedules_a_meeting(demo, as_user):
    response = as_user(demo["coordinator"]).post(
        reverse("broker:meeting-new"),
        {
            "organisation": demo["aire"].pk,
            "date-day": "3",
            "date-month": "12",
            "date-year": "2026",
            "time": "4:30pm",
            "place": "Aire Valley Primary School (demo)",
            "members": [demo["coordinator"].pk, demo["panel.member"].pk],
        },
    )
    meeting = PanelMeeting.objects.exclude(pk=demo["meeting"].pk).get()
    assert response.status_code == 302 and response["Location"] == meeting_url(meeting)
    assert timezone.localtime(meeting.meets_at).strftime("%Y-%m-%d %H:%M") == "2026-12-03 16:30"
    assert set(meeting.members.all()) == {demo["coordinator"], demo["panel.member"]}


def test_scheduling_without_a_date_or_time_is_refused_field_by_field(demo, as_user):
    response = as_user(demo["coordinator"]).post(
        reverse("broker:meeting-new"), {"organisation": demo["aire"].pk, "date-day": "31", "date-month": "2"}
    )
    page = text_of(response)
    assert "The date of the meeting must include a year" in page
    assert "Enter the time of the meeting" in page
    assert PanelMeeting.objects.count() == 1


def test_a_panel_member_cannot_schedule(demo, as_user):
    assert as_user(demo["panel.member"]).get(reverse("broker:meeting-new")).status_code == 403


def test_the_coordinator_adds_a_triaged_request_to_the_agenda(demo, as_user):
    offer_days(demo["sle.maths"])
    request_services.request_triage(actor=demo["coordinator"], request=demo["referred"])
    client = as_user(demo["coordinator"])
    meeting = demo["meeting"]
    page = text_of(client.get(meeting_url(meeting)))
    assert "Add requests to the agenda" in page and demo["referred"].reference in page
    response = client.post(meeting_url(meeting), {"requests": [demo["referred"].pk]}, follow=True)
    assert f"Added to the agenda: {demo['referred'].reference}" in text_of(response)
    assert SupportRequest.objects.get(pk=demo["referred"].pk).status == "on_agenda"
    assert AgendaItem.objects.filter(meeting=meeting, request=demo["referred"]).exists()


def test_adding_nothing_is_refused(demo, as_user):
    request_services.request_triage(actor=demo["coordinator"], request=demo["referred"])
    response = as_user(demo["coordinator"]).post(meeting_url(demo["meeting"]), {})
    assert "Select the requests to add to the agenda" in text_of(response)


def test_the_meeting_shows_the_candidates_and_their_reasons(demo, agenda, as_user):
    meeting, item = agenda
    page = text_of(as_user(demo["panel.member"]).get(meeting_url(meeting)))
    eligible = [c for c in item.candidates if not c["excluded"]]
    assert len(eligible) == 2
    for candidate in eligible:
        assert candidate["name"] in page
        for factor in candidate["factors"]:
            assert factor["reason"] in page
        for flag in candidate["flags"]:
            assert flag in page
    assert f"{round(eligible[0]['score'] * 100)}%" in page
    assert "the best set of matches we could find for the requests not yet decided" in page
    assert "Solver" not in page and "OPTIMAL" not in page and "gap" not in page
    assert "Needs and specialisms" in page


def test_choosing_below_the_top_without_saying_why_is_refused(demo, agenda, as_user):
    meeting, item = agenda
    second = [c for c in item.candidates if not c["excluded"]][1]
    response = as_user(demo["coordinator"]).post(
        meeting_url(meeting, "broker:decide", item_id=item.pk),
        {"leader": second["leader_id"], "rationale": "Closer to the school"},
    )
    assert response.status_code == 200
    page = text_of(response)
    assert "There is a problem" in page and "Enter why the panel passed over the top suggestion" in page
    assert 'href="#id_passed_over_reason"' in response.content.decode()
    assert not Offer.objects.filter(request=demo["referred"]).exists()


def test_the_panel_chooses_below_the_top_saying_why(demo, agenda, as_user):
    meeting, item = agenda
    top, second = [c for c in item.candidates if not c["excluded"]][:2]
    client = as_user(demo["coordinator"])
    response = client.post(
        meeting_url(meeting, "broker:decide", item_id=item.pk),
        {
            "leader": second["leader_id"],
            "rationale": "Closer to the school",
            "passed_over_reason": f"{top['name']} is supporting a school nearby this term",
            "recused": [demo["panel.member"].pk],
        },
    )
    assert response.status_code == 302
    offer = Offer.objects.get(request=demo["referred"])
    assert offer.leader_id == second["leader_id"]
    item.refresh_from_db()
    assert list(item.recused.all()) == [demo["panel.member"]]
    page = text_of(client.get(meeting_url(meeting)))
    assert "is supporting a school nearby this term" in page
    assert "Members who declared a conflict Sam Thornbury" in page
    assert offer.get_status_display() in page


def test_a_decision_needs_a_rationale(demo, agenda, as_user):
    meeting, item = agenda
    top = [c for c in item.candidates if not c["excluded"]][0]
    response = as_user(demo["panel.member"]).post(
        meeting_url(meeting, "broker:decide", item_id=item.pk), {"leader": top["leader_id"]}
    )
    assert "Enter why the panel chose this leader" in text_of(response)


def test_an_undecided_item_comes_off_the_agenda(demo, agenda, as_user):
    meeting, item = agenda
    page = as_user(demo["coordinator"]).get(meeting_url(meeting)).content.decode()
    assert f'Take off the agenda<span class="govuk-visually-hidden">: {item.request.reference}</span>' in page
    response = as_user(demo["coordinator"]).post(meeting_url(meeting, "broker:item-remove", item_id=item.pk))
    assert response.status_code == 302
    assert not AgendaItem.objects.filter(pk=item.pk).exists()
    assert SupportRequest.objects.get(pk=demo["referred"].pk).status == "triaged"


def test_a_decided_item_stays(demo, as_user):
    response = as_user(demo["coordinator"]).post(
        meeting_url(demo["meeting"], "broker:item-remove", item_id=demo["item"].pk), follow=True
    )
    assert "it stays on the record" in text_of(response)
    assert AgendaItem.objects.filter(pk=demo["item"].pk).exists()


def test_the_candidates_are_ranked_again(demo, agenda, as_user):
    meeting, item = agenda
    response = as_user(demo["coordinator"]).post(meeting_url(meeting, "broker:item-rank", item_id=item.pk))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.ranked_at is not None


def test_a_meeting_with_decisions_is_held_not_cancelled(demo, as_user):
    client = as_user(demo["coordinator"])
    response = client.post(meeting_url(demo["meeting"], "broker:meeting-cancel"), {"reason": "Not quorate"})
    assert "record it as held instead" in text_of(response)
    response = client.post(meeting_url(demo["meeting"], "broker:meeting-hold"), {"notes": "All members present"})
    assert response.status_code == 302
    demo["meeting"].refresh_from_db()
    assert demo["meeting"].status == "held" and demo["meeting"].notes == "All members present"


def test_cancelling_needs_a_reason_and_frees_the_agenda(demo, agenda, as_user):
    meeting, _ = agenda
    client = as_user(demo["coordinator"])
    assert "Enter why the meeting is cancelled" in text_of(client.post(meeting_url(meeting, "broker:meeting-cancel")))
    client.post(meeting_url(meeting, "broker:meeting-cancel"), {"reason": "Not quorate"})
    meeting.refresh_from_db()
    assert meeting.status == "cancelled"
    assert SupportRequest.objects.get(pk=demo["referred"].pk).status == "triaged"


def test_another_alliance_gets_404_on_aires_meeting(demo, as_user):
    client = as_user(demo["hub.coordinator"])
    meeting, item = demo["meeting"], demo["item"]
    assert client.get(meeting_url(meeting)).status_code == 404
    assert client.get(meeting_url(meeting, "broker:decide", item_id=item.pk)).status_code == 404
    assert client.get(meeting_url(meeting, "broker:minutes", fmt="csv")).status_code == 404


def test_the_minutes_download_as_csv(demo, as_user):
    response = as_user(demo["panel.member"]).get(meeting_url(demo["meeting"], "broker:minutes", fmt="csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2  # the demo deployment's request was decided at the same meeting
    row = next(r for r in rows if r["Request"] == demo["matched"].reference)
    assert row["Chosen leader"] == "Alex Fernleigh" == row["Top suggestion"]
    assert row["Rank of the chosen leader"] == "1"
    assert row["Rationale"] == "Closing the gap in a primary school close by"
    assert "Sam Thornbury" in row["Members"]


def test_the_minutes_download_as_xlsx(demo, as_user):
    response = as_user(demo["coordinator"]).get(meeting_url(demo["meeting"], "broker:minutes", fmt="xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    headings, first = [list(r) for r in sheet.iter_rows(min_row=1, max_row=2, values_only=True)]
    assert dict(zip(headings, first, strict=True))["School"] == "Goldthorpe Junior School"


def test_an_unknown_format_is_not_found(demo, as_user):
    url = meeting_url(demo["meeting"], "broker:minutes", fmt="pdf")
    assert as_user(demo["coordinator"]).get(url).status_code == 404


def test_the_meetings_list_runs_a_constant_number_of_queries(demo, as_user):
    client = as_user(demo["coordinator"])

    def grow():
        meeting = meeting_services.meeting_schedule(
            actor=demo["coordinator"], organisation=demo["aire"], meets_at=timezone.now() + dt.timedelta(days=10)
        )
        meeting.members.set([demo["panel.member"]])

    response = assert_constant_queries(lambda: client.get(reverse("broker:meetings")), grow)
    assert text_of(response).count("Aire Valley Teaching School Alliance") >= 3


@pytest.mark.parametrize(
    "status, gap, expected",
    [
        ("OPTIMAL", 0.0, "No other set of matches scores higher in total."),
        ("FEASIBLE", 0.0123, "It is within 1.2% of the best possible total."),
        ("FEASIBLE", 0.00001, "It is within 0.1% of the best possible total."),
        ("FALLBACK", None, "A better set may exist: the panel decides each request."),
    ],
)
def test_the_whole_agenda_suggestion_is_described_without_solver_words(status, gap, expected):
    from web.commissioning.meeting_words import solution_words

    words = solution_words({"status": status, "gap": gap})
    assert words.endswith(expected)
    assert status not in words and "gap" not in words
