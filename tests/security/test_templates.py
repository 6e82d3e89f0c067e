"""5. Templates: organization templates run sandboxed; errors are reported as template:line."""

from __future__ import annotations

import pytest

from pocketguide.build import prepare
from pocketguide.errors import PocketguideError
from pocketguide.guide import render_html
from pocketguide.project import load_project

from .helpers import assert_clean_failure, invoke, make_project


@pytest.fixture(autouse=True)
def _in_project(tmp_path, monkeypatch):
    """Messages name files relative to the working folder: work in the project."""
    monkeypatch.chdir(tmp_path)


SSTI = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{{ self._TemplateReference__context.cycler.__init__.__globals__ }}",
    "{{ ''.format.__self__.__class__ }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ (1).__class__.__base__.__subclasses__() }}",
    "{{ guide.__class__.model_config }}",
    "{{ hotlines.clear() }}",
    "{{ hotlines.append(1) }}",
    "{{ 'x' * 1000000000 }}",
    "{{ [1] * 1000000000 }}",
    "{{ 9 ** 99999999 }}",
]


def render_error(tmp_path, body: str):
    """Render the guide with a template overlay whose third line is body; return the problem."""
    project = make_project(tmp_path, {"templates/guide.html.j2": "<html>\n<body>\n" + body + "\n"})
    loaded = load_project(project)
    prepared = prepare(loaded, "en")
    with pytest.raises(PocketguideError) as info:
        render_html(loaded, prepared.content, prepared.assets)
    [problem] = info.value.problems
    return problem, prepared


@pytest.mark.parametrize("payload", SSTI)
def test_ssti_payload_is_a_security_error_at_its_line(tmp_path, payload):
    problem, prepared = render_error(tmp_path, payload)
    assert problem.path == "templates/guide.html.j2"
    assert problem.line == 3
    assert problem.message.startswith("SecurityError"), problem.message
    assert len(prepared.content.hotlines.hotlines) == 2  # the content was not changed


def test_undefined_variable_names_template_and_line(tmp_path):
    problem, _ = render_error(tmp_path, "<p>{{ organisation.name }}</p>")
    assert (problem.path, problem.line) == ("templates/guide.html.j2", 3)
    assert problem.message == "UndefinedError: 'organisation' is undefined"


def test_undefined_attribute_in_a_partial_names_the_partial(tmp_path):
    project = make_project(
        tmp_path,
        {"templates/partials/crisis.html.j2": "{% for h in hotlines %}\n{{ h.fax }}\n{% endfor %}"},
    )
    lines = assert_clean_failure(invoke("build", str(project)))
    assert len(lines) == 1
    assert lines[0].startswith("templates/partials/crisis.html.j2:2: UndefinedError:")


def test_syntax_error_names_template_and_line(tmp_path):
    problem, _ = render_error(tmp_path, "{% if %}")
    assert (problem.path, problem.line) == ("templates/guide.html.j2", 3)
    assert problem.message.startswith("TemplateSyntaxError")


@pytest.mark.parametrize(
    "name", ["../pocketguide.yaml", "/etc/passwd", "default:../../pyproject.toml"]
)
def test_include_cannot_leave_the_template_folders(tmp_path, name):
    problem, _ = render_error(tmp_path, f'{{% include "{name}" %}}')
    assert (problem.path, problem.line) == ("templates/guide.html.j2", 3)
    assert problem.message.startswith("TemplateNotFound")


def test_cli_reports_ssti_on_one_line_without_traceback(tmp_path):
    project = make_project(
        tmp_path, {"templates/guide.html.j2": "<html>\n<body>\n" + SSTI[1] + "\n"}
    )
    lines = assert_clean_failure(invoke("build", str(project)))
    assert len(lines) == 1
    assert lines[0].startswith("templates/guide.html.j2:3: SecurityError")
