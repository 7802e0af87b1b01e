"""Malformed input through every URL and every public form: the service answers a page, a form
error, a 404 or a 400, never a server error (issue 13, "Security and privacy"; house rule: "no
input may cause a 500").

The values: other scripts' digits (which `str.isdigit()` accepts and int() refuses or misreads),
numbers too big for the database, negative numbers, NUL bytes (which PostgreSQL refuses in text),
a very long string, an empty value, and a list where one value is expected (a repeated key).

- Every URL's arguments: each argument in turn takes each value (the path is built by hand, as
  reverse() refuses most of them), asked for (GET and an empty POST) by the signed-out visitor
  and by the one role the URL x role matrix says reaches the page.
- Every URL with a query string: each page is asked for once to learn which keys it reads, then
  once per value in those keys, by the role that reaches it; and signed out, with an address too
  long to send back after signing in.
- Every public form (sign-in, password reset, registration, the public support request form, the
  directory and school searches, the referee's page and the password reset through a forged
  link) with every field set to each value, and hypothesis drawing further text for one field at
  a time.

Bounded for CI (about a minute of processor time on SQLite): each sweep builds the demo region
once and walks a fixed sample; hypothesis runs derandomized with a modest number of examples."""

import re
from urllib.parse import quote, urlencode

from django.core.handlers.wsgi import WSGIRequest, get_bytes_from_wsgi
from django.http import QueryDict
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.architecture.test_url_matrix import ANON, MATRIX, client_for, url_kwargs, world  # noqa: F401
from tests.urls import all_url_patterns

# Each malformed value, named for the failure message.
MALFORMED = {
    "superscript digit": "²",
    "superscript after digits": "12²",
    "Arabic-Indic digit": "٣",
    "full-width digit": "５",
    "huge number": str(10**30),
    "negative number": "-1",
    "huge negative number": str(-(10**30)),
    "NUL byte": "\x00",
    "NUL inside text": "a\x00b",
    "very long string": "x" * 100_000,
    "empty": "",
}
REPEATED = ["1", "²"]
# a list where one value is expected: the key given twice

# The query-string keys the views and GET forms read (grep request.GET; the search forms' fields).
QUERY_KEYS = (
    "page",
    "q",
    "school",
    "within",
    "role",
    "specialism",
    "phase",
    "organisation",
    "type",
    "la",
    "region",
    "ofsted",
    "closed",
    "status",
    "leader",
    "days",
    "next",
)

# A stand-in for each kind of path argument: the URL is reversed with it, then it is replaced.
SENTINEL = {"IdConverter": "987654321987", "IntConverter": "987654321987"}
TEXT_SENTINEL = "zqxsentinelzqx"

# The public forms: URL name, its arguments, the method, and the fields to try when the page
# (a forged link) shows no form to read them from.
PUBLIC_FORMS = [
    ("accounts:sign-in", None, "post", ()),
    ("accounts:password-reset", None, "post", ()),
    ("accounts:register", None, "post", ()),
    ("accounts:register-resend", None, "post", ()),
    ("support:ask-question", {"step": "school"}, "post", ()),
    ("support:ask-question", {"step": "contact"}, "post", ("contact_name", "contact_email", "contact_role")),
    ("directory:search", None, "get", ()),
    ("public:school-search", None, "get", ()),
    (
        "references:answer",
        {"token": "forged-token-that-looks-like-a-real-one"},
        "post",
        ("answer", "yes_no", "decline", "reason", "name", "email"),
    ),
    (
        "accounts:password-reset-confirm",
        {"uidb64": "Zm9yZ2Vk", "token": "forged-token"},
        "post",
        ("new_password1", "new_password2"),
    ),
]

_FIELD = re.compile(r"<(?:input|select|textarea)\b[^>]*\bname=\"([^\"]+)\"")
_SKIP_FIELDS = {"csrfmiddlewaretoken"}


def _client(role):
    return client_for(Client(raise_request_exception=False), role)


def _reaching_role(name):
    """The signed-out visitor when the page is theirs, else the first role the matrix says
    reaches it (200), else the first that gets past sign-in."""
    answers = MATRIX[name]
    if answers[ANON] not in (302, 403):
        return ANON
    for wanted in ((200,), (302, 404, 405, 410)):
        for role, status in answers.items():
            if role != ANON and status in wanted:
                return role
    return ANON


def _roles(name):
    reaching = _reaching_role(name)
    return [ANON] if reaching == ANON else [ANON, reaching]


def _patterns():
    return sorted((name, pattern) for name, pattern in all_url_patterns() if name)


def _sentinel(converter) -> str:
    return SENTINEL.get(type(converter).__name__, TEXT_SENTINEL)


def test_malformed_path_arguments_never_answer_500(world):  # noqa: F811
    arguments = url_kwargs(world)
    failures, tried = [], 0
    for name, pattern in _patterns():
        converters = pattern.pattern.converters
        for argument, converter in converters.items():
            kwargs = dict(arguments.get(name) or {})
            kwargs[argument] = _sentinel(converter)
            template = reverse(name, kwargs=kwargs)
            for label, value in MALFORMED.items():
                path = template.replace(kwargs[argument], quote(value, safe=""))
                try:
                    if resolve(path).view_name != name:
                        continue  # another URL's: it has its own turn
                except Resolver404:
                    continue  # the URL configuration refuses it: 404 before any view
                tried += 1
                for role in _roles(name):
                    client = _client(role)
                    # Signed out, a POST is sent to sign in as a GET is.
                    for method in ("get",) if role == ANON and len(_roles(name)) > 1 else ("get", "post"):
                        response = getattr(client, method)(path)
                        if response.status_code >= 500:
                            failures.append(f"{method.upper()} {name} {argument}={label} as {role}: 500")
    assert tried > 50  # the sweep reached views, not only the URL configuration's 404
    assert not failures, "\n".join(failures)


class _RecordingQueryDict(QueryDict):
    """request.GET that notes which keys a view reads ("*" for a read of them all)."""

    def __init__(self, query_string=None, *, read: set | None = None, **kwargs):
        self.read = set()  # QueryDict's own filling reads keys too: not the view's
        super().__init__(query_string, **kwargs)
        self.read = read if read is not None else set()

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self.read.add(key)
        return super().__contains__(key)

    def getlist(self, key, default=None):
        self.read.add(key)
        return super().getlist(key, default)

    def items(self):
        self.read.add("*")
        return super().items()

    def lists(self):
        self.read.add("*")
        return super().lists()

    def dict(self):
        self.read.add("*")
        return super().dict()


class _RecordingGet:
    """Stands in for WSGIRequest.GET (a cached property): builds the recording dict once."""

    def __init__(self, read: set):
        self.read = read

    def __get__(self, request, owner=None):
        if request is None:
            return self
        raw = get_bytes_from_wsgi(request.environ, "QUERY_STRING", "")
        query = _RecordingQueryDict(raw, read=self.read, encoding=request.encoding)
        request.__dict__["GET"] = query
        return query


def _keys_read(client, path, monkeypatch) -> set:
    """The query-string keys the page reads, asked for with every key set to "1"."""
    read: set = set()
    with monkeypatch.context() as patch:
        patch.setattr(WSGIRequest, "GET", _RecordingGet(read))
        response = client.get(f"{path}?{urlencode(dict.fromkeys(QUERY_KEYS, '1'))}")
    assert response.status_code < 500, f"{path}: {response.status_code} with the query string of ones"
    return set(QUERY_KEYS) if "*" in read else read & set(QUERY_KEYS)


def test_malformed_query_strings_never_answer_500(world, monkeypatch):  # noqa: F811
    """Each page is asked for once to learn which keys it reads; a page that reads some is then
    asked for once per malformed value in each of them, by the role that reaches it."""
    arguments = url_kwargs(world)
    failures, swept = [], 0
    values = [*MALFORMED.items(), ("repeated key", REPEATED)]
    for name, _ in _patterns():
        if "sign-out" in name:
            continue  # signs the client out: nothing of the query string is read
        path = reverse(name, kwargs=arguments.get(name))
        role = _reaching_role(name)
        client = _client(role)
        keys = _keys_read(client, path, monkeypatch)
        if not keys:
            continue
        swept += 1
        for label, value in values:
            if label == "very long string":
                value = value[:2_000]  # a long query string; the forms' bodies take the 100,000
            response = client.get(f"{path}?{urlencode(dict.fromkeys(keys, value), doseq=True)}")
            if response.status_code >= 500:
                failures.append(f"GET {name}?{','.join(sorted(keys))}={label} as {role}: 500")
    assert swept > 10  # the probe saw pages read their query strings
    assert not failures, "\n".join(failures)


def test_a_long_address_signed_out_never_answers_500(world):  # noqa: F811
    """Signed out, a page sends the visitor to sign in with the address to come back to."""
    failures, arguments = [], url_kwargs(world)
    for name, _ in _patterns():
        path = reverse(name, kwargs=arguments.get(name))
        query = urlencode({"q": "x" * 20_000, "page": "²"})
        response = _client(ANON).get(f"{path}?{query}")
        if response.status_code >= 500:
            failures.append(f"GET {name}?q=…: {response.status_code}")
    assert not failures, "\n".join(failures)


def _form_fields(client, name, kwargs, fallback) -> list[str]:
    page = client.get(reverse(name, kwargs=kwargs))
    found = [f for f in dict.fromkeys(_FIELD.findall(page.content.decode())) if f not in _SKIP_FIELDS]
    return found or list(fallback)


def _send(client, method, path, data):
    return getattr(client, method)(path, data)


def test_malformed_public_form_fields_never_answer_500(world):  # noqa: F811
    failures = []
    values = [*MALFORMED.items(), ("repeated key", REPEATED)]
    for name, kwargs, method, fallback in PUBLIC_FORMS:
        path = reverse(name, kwargs=kwargs)
        fields = _form_fields(_client(ANON), name, kwargs, fallback)
        assert fields, f"{name}: no fields found"
        client = _client(ANON)
        # Every field takes the value at once (each field alone: the hypothesis test below).
        for label, value in values:
            response = _send(client, method, path, dict.fromkeys(fields, value))
            if response.status_code >= 500:
                failures.append(f"{method.upper()} {name} every field={label}: 500")
    assert not failures, "\n".join(failures)


_text = st.one_of(
    st.sampled_from(list(MALFORMED.values())),
    st.text(max_size=40),
    st.from_regex(r"\A[0-9²³¹٠-٩０-９-]{1,30}\Z"),
)


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(form=st.sampled_from(PUBLIC_FORMS), value=_text, data=st.data())
def test_any_text_in_a_public_form_never_answers_500(world, form, value, data):  # noqa: F811
    name, kwargs, method, fallback = form
    client = _client(ANON)
    if name not in _FIELDS_SEEN:
        _FIELDS_SEEN[name] = _form_fields(client, name, kwargs, fallback)
    field = data.draw(st.sampled_from(_FIELDS_SEEN[name]))
    response = _send(client, method, reverse(name, kwargs=kwargs), {field: value})
    assert response.status_code < 500, f"{method.upper()} {name} {field}={value!r}"


_FIELDS_SEEN: dict[str, list[str]] = {}
