"""The question pages, the same for both routes (signed in: request_views; public: support_views):
the start, one page a step (ask_steps.STEPS), and check your answers, which sends. A page reached
before the pages it follows goes to the first question not yet answered."""

from dataclasses import dataclass, field

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from domain.commissioning.errors import CommissioningRefused, RequestInvalid
from domain.schools.selectors import school_by_id
from web.common.fields import id_from

from . import ask_summary
from .ask_forms import AnswerForm
from .ask_steps import BY_SLUG, PUBLIC, Answers, Step, parse_date
from .request_forms import schools_found


@dataclass(frozen=True)
class Flow:
    route: str
    draft_key: str
    question_url: str
    check_url: str
    first_back: str
    caption: str
    own_schools: list = field(default_factory=list)
    defaults: dict = field(default_factory=dict)  # a question's answer suggested before it is answered


def answers_of(request, flow: Flow) -> Answers:
    return Answers(request.session.get(flow.draft_key), route=flow.route, own_schools=flow.own_schools)


def step_url(flow: Flow, step: Step | None, *, change=False) -> str:
    if step is None:
        return reverse(flow.check_url)
    url = reverse(flow.question_url, kwargs={"step": step.slug})
    return url + "?change=1" if change else url


def _save(request, flow: Flow, answers: Answers) -> None:
    request.session[flow.draft_key] = answers.draft


def start(request, flow: Flow):
    """The way in: from the directory's "Ask for support from this alliance" the alliance is
    suggested; then the first question not yet answered."""
    answers = answers_of(request, flow)
    preferred = id_from(request.GET.get("organisation"))
    if preferred is not None and any(o.pk == preferred for o in answers.brokers):
        answers.draft["suggested_organisation"] = str(preferred)
    _save(request, flow, answers)
    return redirect(step_url(flow, answers.first_unanswered()))


def _initial(flow: Flow, answers: Answers, step: Step, found) -> dict:
    draft = answers.draft
    initial = {name: draft[name] for name in step.fields if name in draft}
    for name in step.fields:
        if name not in initial and name in flow.defaults:
            initial[name] = flow.defaults[name]
    if step.slug == "school" and found and "school" not in draft:
        initial.pop("school", None)  # a new search: the person chooses among its results
    if step.slug == "alliance" and "preferred_organisation" not in initial:
        initial["preferred_organisation"] = draft.get("suggested_organisation", "")
    for name in ("window_starts", "window_ends"):
        if isinstance(initial.get(name), str):
            initial[name] = parse_date(initial[name])
    return initial


def question(request, flow: Flow, slug: str):
    step = BY_SLUG.get(slug)
    if step is None or flow.route not in step.routes:
        raise Http404
    answers = answers_of(request, flow)
    if not answers.reachable(step):
        return redirect(step_url(flow, answers.first_unanswered()))
    change = request.GET.get("change") == "1"
    q = request.GET.get("q", "") if step.slug == "school" else ""
    found, more = schools_found(q)
    schools = [*flow.own_schools, *found]
    if answers.school is not None:
        schools.append(answers.school)
    if request.method == "POST" and "school" in step.fields:
        posted = school_by_id(request.POST.get("school"))
        if posted is not None:
            schools.append(posted)
    schools = list({s.pk: s for s in schools}.values())
    kwargs = {"fields": step.fields, "answers": answers, "schools": schools, "public": flow.route == PUBLIC}
    if request.method == "POST":
        form = AnswerForm(request.POST, **kwargs)
        if form.is_valid():
            changed = answers.with_answers(form.draft_values())
            form.add_problems(changed.problems())
            if not form.errors:
                _save(request, flow, changed)
                following = changed.first_unanswered() if change else changed.after(step)
                return redirect(step_url(flow, following, change=change and following is not None))
    else:
        form = AnswerForm(initial=_initial(flow, answers, step, found), **kwargs)
    before = answers.before(step)
    return render(
        request,
        "commissioning/ask/question.html",
        {
            "page_title": step.title_for(flow.route),
            "caption": flow.caption,
            "step": step,
            "form": form,
            "answers": answers,
            "public": flow.route == PUBLIC,
            "back_href": reverse(flow.check_url)
            if change
            else (step_url(flow, before) if before else reverse(flow.first_back)),
            "q": q,
            "searched": bool(q.strip()),
            "found": found,
            "more": more,
            "change": change,
        },
    )


def problem_links(flow: Flow, answers: Answers, problems: dict[str, str]) -> list[dict]:
    return [
        {"text": message, "href": step_url(flow, step, change=True)}
        for step, message in answers.problems_in_order(problems)
    ]


def check_answers(request, flow: Flow, *, send, referrer_organisation=None):
    """Check your answers, then `send(answers)`: a response, or (problems, status) if refused."""
    answers = answers_of(request, flow)
    unanswered = answers.first_unanswered()
    if unanswered is not None:
        return redirect(step_url(flow, unanswered))
    problems = problem_links(flow, answers, answers.problems())
    status = 200
    if request.method == "POST" and not problems:
        try:
            sent = send(answers)
        except RequestInvalid as invalid:
            problems = problem_links(flow, answers, invalid.errors)
        except CommissioningRefused as refusal:
            problems = [{"text": str(refusal)}]
        else:
            if not isinstance(sent, tuple):
                request.session.pop(flow.draft_key, None)
                return sent
            problems, status = sent
    sections = ask_summary.sections(answers, referrer_organisation=referrer_organisation)
    for _heading, rows in sections:
        for row in rows:
            row["href"] = step_url(flow, BY_SLUG[row["slug"]], change=True) if row["slug"] else None
    return render(
        request,
        "commissioning/ask/check.html",
        {
            "page_title": "Check your answers before asking for support",
            "caption": flow.caption,
            "sections": sections,
            "problems": problems,
            "public": flow.route == PUBLIC,
            "back_href": step_url(flow, answers.steps()[-1]),
        },
        status=status,
    )
