"""URL x role matrix rows for the deployment pages of feedback and quality assurance (merged into
test_url_matrix.MATRIX). See matrix_deployments.py for world["deployment"] and the helpers row,
seen_by_parties, managed.

- The demo's mid-deployment feedback round (demo.deployments_feedback): the school has answered,
  the system leader has not. Every party reads the round's page; only the leader answers for the
  leader (the other parties 403; the panel member, who may not see the deployment, 404).
- The region's feedback form: regional representatives only (403 to everyone else); moving a
  question is a POST (405 to a GET).
- The TSA's quality pages: coordinators and representatives (can_run_quality_assurance); the
  demo's alliance is the coordinator's, in the representative's region.
- The leader's quality record (the system leader, Alex): the leader, and the managers of the
  alliance that brokers them; 404 to everyone else signed in."""

from domain.accounts.roles import Role

from .matrix_deployments import MANAGERS, row, seen_by_parties


def representatives_only(status=200) -> dict:
    return row(403, **{Role.REGIONAL_REPRESENTATIVE: status})


def quality_staff(status=200) -> dict:
    return row(403, **dict.fromkeys(MANAGERS, status))


ROWS: dict = {
    "deployments:feedback-round": seen_by_parties(),
    "deployments:feedback-answer": row(
        404,
        **{
            Role.SYSTEM_LEADER: 200,
            Role.SCHOOL_CONTACT: 403,
            Role.COMMISSIONER: 403,
            Role.TSA_COORDINATOR: 403,
            Role.REGIONAL_REPRESENTATIVE: 403,
        },
    ),
    "deployments:feedback-form": representatives_only(),
    "deployments:feedback-question-add": representatives_only(),
    "deployments:feedback-question-change": representatives_only(),
    "deployments:feedback-question-remove": representatives_only(),
    "deployments:feedback-question-move": representatives_only(405),
    "deployments:quality-organisations": quality_staff(),
    "deployments:quality-organisation": quality_staff(),
    "deployments:quality-record": quality_staff(),
    "deployments:quality-leader": row(404, **{Role.SYSTEM_LEADER: 200}, **dict.fromkeys(MANAGERS, 200)),
}


def kwargs(world) -> dict:
    from domain.deployments.models import FeedbackStage

    deployment = world["deployment"]
    round_ = deployment.feedback_rounds.get(stage=FeedbackStage.MIDDLE)
    return {
        "deployments:feedback-round": {"deployment_id": deployment.pk, "round_id": round_.pk},
        "deployments:feedback-answer": {"deployment_id": deployment.pk, "round_id": round_.pk, "party": "leader"},
        "deployments:feedback-question-change": {"key": "needs_met"},
        "deployments:feedback-question-remove": {"key": "needs_met"},
        "deployments:feedback-question-move": {"key": "needs_met", "direction": "down"},
        "deployments:quality-organisation": {"organisation_id": deployment.organisation_id},
        "deployments:quality-record": {"organisation_id": deployment.organisation_id},
        "deployments:quality-leader": {"leader_id": deployment.leader_id},
    }
