"""What deployments ask of a person now, for their home page: contracts to agree, notes of visit
due, variations to decide, concerns and reviews, feedback to give, invoices to draft or chase.
Each part keeps its own list (a fixed number of queries each), and names its kind of task, so
that the home page links each to the item itself."""

from domain.leaders.todo import ToDo

from . import contract_todo, feedback_todo, invoice_todo, review_todo, visit_todo

PARTS = (contract_todo, visit_todo, review_todo, feedback_todo, invoice_todo)


def to_do_for(user) -> list[ToDo]:
    return [item for part in PARTS for item in part.to_do_for(user)]
