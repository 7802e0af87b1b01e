"""One rule for who sees a deployment (domain/deployments/policies.deployment_visibility), and no
page that decides it another way: every URL that names a deployment fetches it through
web/deployments/views.deployment_or_404 (or manageable_or_403, which calls it), which asks the one
selector (selectors.deployment_for); no web code reads deployments any other way.
tests/deployments/test_one_visibility_rule.py checks that the policy and the selectors agree."""

import ast
import inspect
from pathlib import Path

from domain.deployments import policies, selectors
from tests.urls import all_url_patterns

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "web"
GATES = {"deployment_or_404", "manageable_or_403"}
# Where web code may call the selectors: the gate, and the list of the person's deployments.
SELECTOR_CALLS = {
    "deployment_for": {("web/deployments/views.py", "deployment_or_404")},
    "deployments_for": {("web/deployments/views.py", "deployment_list")},
}
# Other ways of reading deployments that would bypass the rule.
FORBIDDEN = ("Deployment.objects", "Deployment._default_manager", "Deployment._base_manager", "can_see_deployment")


def called_name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def functions_of(source: str):
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


def takes_deployment_id(function) -> bool:
    return any(a.arg == "deployment_id" for a in function.args.args + function.args.kwonlyargs)


def passes_deployment_id_to(function, names: set[str]) -> bool:
    """Whether the function calls one of `names` with its deployment_id."""
    for node in ast.walk(function):
        if isinstance(node, ast.Call) and called_name(node) in names:
            given = [*node.args, *(k.value for k in node.keywords)]
            if any(isinstance(a, ast.Name) and a.id == "deployment_id" for a in given):
                return True
    return False


def guarded_functions(sources: dict[str, str]) -> set[tuple[str, str]]:
    """(file, function) of every function taking a deployment_id that hands it to a gate, directly
    or through other such functions (a concern's page asks concern_or_404, which asks the gate)."""
    taking = {
        (path, f.name): f for path, source in sources.items() for f in functions_of(source) if takes_deployment_id(f)
    }
    names = set(GATES)
    guarded = {key for key in taking if key[1] in GATES}
    while True:
        more = {key for key, f in taking.items() if key not in guarded and passes_deployment_id_to(f, names)}
        if not more:
            return guarded
        guarded |= more
        names |= {name for _, name in more}


def problems_in(path: str, source: str) -> list[str]:
    """Ways this web module reads deployments other than through the gate."""
    problems = [f"{path}: {word}" for word in FORBIDDEN if word in source]
    for function in functions_of(source):
        for node in ast.walk(function):
            name = called_name(node) if isinstance(node, ast.Call) else ""
            if name in SELECTOR_CALLS and (path, function.name) not in SELECTOR_CALLS[name]:
                problems.append(f"{path}: {function.name} calls {called_name(node)}")
    return problems


def web_sources() -> dict[str, str]:
    return {str(p.relative_to(ROOT)): p.read_text() for p in sorted(WEB.rglob("*.py"))}


def test_no_web_code_reads_deployments_but_through_the_gate():
    problems = [problem for path, source in web_sources().items() for problem in problems_in(path, source)]
    assert problems == []


def test_every_page_that_names_a_deployment_asks_the_gate():
    guarded = guarded_functions(web_sources())
    pages = 0
    unguarded = []
    for name, pattern in all_url_patterns():
        if "deployment_id" not in pattern.pattern.regex.groupindex:
            continue
        pages += 1
        view = inspect.unwrap(pattern.callback)
        where = (str(Path(inspect.getsourcefile(view)).resolve().relative_to(ROOT)), view.__name__)
        if where not in guarded:
            unguarded.append(f"{name}: {where[0]} {where[1]}")
    assert pages >= 30  # the deployment's page and its contract, visits, concerns, feedback, invoices...
    assert unguarded == []


def test_the_gate_asks_the_one_selector_and_the_selector_and_the_policy_the_one_rule():
    gate = next(f for f in functions_of(web_sources()["web/deployments/views.py"]) if f.name == "deployment_or_404")
    assert passes_deployment_id_to(gate, {"deployment_for"})
    for function in (selectors.deployments_for, policies.can_see_deployment):
        assert "deployment_visibility(user)" in inspect.getsource(function), function.__name__
    assert "deployments_for(user)" in inspect.getsource(selectors.deployment_for)


# The checks themselves, on pages written to break them.

BAD_PAGE = """
from domain.deployments.models import Deployment
from domain.deployments.selectors import deployments_for

def sneaky(request, deployment_id):
    return Deployment.objects.get(pk=deployment_id)

def listed(request, deployment_id):
    return deployments_for(request.user).get(pk=deployment_id)
"""

GOOD_PAGES = """
def deployment_or_404(request, deployment_id):
    return deployment_for(request.user, deployment_id)

def thing_or_404(request, deployment_id, thing_id):
    return deployment_or_404(request, deployment_id).things.get(pk=thing_id)

def thing_page(request, deployment_id, thing_id):
    return thing_or_404(request, deployment_id, thing_id)

def other_page(request, deployment_id):
    return thing_or_404(request, 1, 2)
"""


def test_the_checks_catch_a_page_that_reads_deployments_its_own_way():
    assert problems_in("web/bad.py", BAD_PAGE) == [
        "web/bad.py: Deployment.objects",
        "web/bad.py: listed calls deployments_for",
    ]
    assert guarded_functions({"web/bad.py": BAD_PAGE}) == set()
    assert guarded_functions({"web/good.py": GOOD_PAGES}) == {
        ("web/good.py", "deployment_or_404"),
        ("web/good.py", "thing_or_404"),
        ("web/good.py", "thing_page"),
    }
