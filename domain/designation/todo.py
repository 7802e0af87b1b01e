"""What the review of designations asks of a person now, for their home page (a fixed number of
queries): the leader's self-assessment to write, the coordinators' reviews to decide or appeals to
hear, and feedback asked of a school contact or an alliance."""

from domain.leaders.todo import ToDo, counted

from .models import add_months
from .review_selectors import feedback_asked_of, reviews_awaiting_self_assessment, reviews_to_decide


def to_do_for(user) -> list[ToDo]:
    items = []
    review = reviews_awaiting_self_assessment(user).first()
    if review is not None:
        # One review at a time per designation; the soonest to end is the one to do first.
        items.append(
            ToDo(
                "review_self_assessment",
                "Write your self-assessment for the review of your designation",
                due_on=add_months(review.designation.ends_on, -1),
                item=(review.pk,),
            )
        )
    items += counted(
        "reviews_to_decide",
        reviews_to_decide(user),
        "Decide the review of a designation",
        "Decide {count} reviews of designations",
    )
    # One task for each leader: each is answered on its own page (one query, a handful at most).
    items += [
        ToDo(
            "review_feedback",
            f"Give feedback on {feedback.review.designation.person.full_name}'s work for their review",
            item=(feedback.pk,),
        )
        for feedback in feedback_asked_of(user)
    ]
    return items
