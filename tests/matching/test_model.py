from hypothesis import given, settings

from domain.matching.model import Weights, instance_to_dict, parse_instance, parse_instance_text

from .builders import random_instance


@settings(max_examples=50, deadline=None)
@given(random_instance())
def test_an_instance_survives_its_json_form(meeting):
    assert parse_instance(instance_to_dict(meeting)) == meeting


def test_defaults_and_the_documented_example():
    meeting = parse_instance_text(
        '{"requests": [{"id": 7, "role": "lle", "days": 2}], "leaders": [{"id": 8, "roles": [], "free_days": 0}]}'
    )
    assert meeting.weights == Weights()
    assert (meeting.requests[0].id, meeting.leaders[0].id) == ("7", "8")  # ids are text
    assert meeting.affinities is None and meeting.leaders[0].load == 0


def test_default_weights_add_up_to_one():
    assert round(Weights().total, 9) == 1
