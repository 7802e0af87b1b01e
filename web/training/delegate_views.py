"""Events for delegates (to be written): the list of events to book."""

from django.shortcuts import render

from domain.training.policies import can_use_events
from domain.training.selectors import events_to_book
from web.common.policy import policy


@policy(can_use_events)
def event_list(request):
    return render(
        request, "training/delegate/list.html", {"page_title": "Events", "events": list(events_to_book(request.user))}
    )
