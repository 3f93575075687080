"""Issue 10, item 4: templates and settings volunteers write cannot run code or inject markup.

Each known Jinja sandbox escape is tried in a website page template, a print template
and a theme template: the build fails at the template's line, and the private file's
contents appear nowhere (not in the output, not in what flagpress prints). Settings
shown on every page are escaped once, and a website address that is not one is
refused at its line.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import Result
from conftest import SITE_CONFIG, WEB_ONLY, problem_lines, run, snapshot

SECRET = "Neil Jonesington"
PRIVATE = f"neil-j: {{real_name: {SECRET}, email: neil.private@example.org}}\n"
READ_PRIVATE = "cat content/contributors.private.yml"

# The escapes the audit found, and the usual ways around a sandbox.
PAYLOADS = {
    "cycler-globals": f"{{{{ cycler.__init__.__globals__.os.popen('{READ_PRIVATE}').read() }}}}",
    "self-globals": "{{ self.__init__.__globals__['__builtins__']['open']"
    "('content/contributors.private.yml').read() }}",
    "lipsum-globals": f"{{{{ lipsum.__globals__['os'].popen('{READ_PRIVATE}').read() }}}}",
    "subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "attr-filter": "{{ (cycler|attr('__init__')|attr('__globals__'))['os'] }}",
    "format": "{{ '{0.__init__.__globals__}'.format(cycler) }}",
    "joiner-globals": "{{ joiner.__init__.__globals__ }}",
    "namespace-class": "{{ namespace.__class__.__base__.__subclasses__() }}",
}
# What the sandbox says for each (the attribute or call it refused).
REFUSED = {
    "cycler-globals": "access to attribute '__init__' of 'type' object is unsafe",
    "self-globals": "access to attribute '__init__' of 'TemplateReference' object is unsafe",
    "lipsum-globals": "access to attribute '__globals__' of 'function' object is unsafe",
    "subclasses": "access to attribute '__class__' of 'str' object is unsafe",
    "attr-filter": "access to attribute '__init__' of 'type' object is unsafe",
    "format": "access to attribute '__init__' of 'type' object is unsafe",
    "joiner-globals": "access to attribute '__init__' of 'type' object is unsafe",
    "namespace-class": "access to attribute '__class__' of 'type' object is unsafe",
}
UNSAFE_ADVICE = "use only the variables listed in README's Templates section [template-unsafe]"


def _with_private(files: dict[str, str]) -> dict[str, str]:
    return {"content/contributors.private.yml": PRIVATE, **files}


def _assert_nothing_leaked(root: Path, result) -> None:
    """The private value is in no output file, no file name, nothing printed."""
    for text in (result.stdout, result.stderr):
        assert SECRET not in text and "neil.private" not in text
    assert not (root / "site").exists()
    private = (root / "content/contributors.private.yml").resolve()
    for path in root.rglob("*"):
        if path.is_file() and path.resolve() != private:
            assert SECRET.encode() not in path.read_bytes(), path
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_a_sandbox_escape_in_a_web_template_fails_at_its_line(publication, name: str) -> None:
    template = "<h1>{{ page.title }}</h1>\n{{ body }}\n" + PAYLOADS[name] + "\n"
    root = publication(_with_private({"templates/web/page.html": template}))
    result = run("build", "--root", str(root))
    assert result.exit_code == 1
    assert problem_lines(result.stderr)[0] == (
        "templates/web/page.html:3:1: error: this template tries to use something templates "
        f"may not ({REFUSED[name]}); {UNSAFE_ADVICE}"
    )
    _assert_nothing_leaked(root, result)


@pytest.mark.parametrize(
    ("template", "refused"),
    [
        (
            "{{ edition.root.joinpath('content/contributors.private.yml').read_text() }}",
            "access to attribute 'root' of 'Edition' object is unsafe",
        ),
        ("{{ edition.namer('web').contributors }}", "calling 'namer' is not allowed in templates"),
        (
            "{{ config.title.__class__ }}",
            "access to attribute '__class__' of 'str' object is unsafe",
        ),
    ],
)
def test_a_web_template_cannot_reach_files_through_the_values_it_is_given(
    publication, template: str, refused: str
) -> None:
    root = publication(_with_private({"templates/web/page.html": "<p>\n" + template + "\n"}))
    result = run("build", "--root", str(root))
    assert result.exit_code == 1
    assert problem_lines(result.stderr)[0] == (
        "templates/web/page.html:2:1: error: this template tries to use something templates "
        f"may not ({refused}); {UNSAFE_ADVICE}"
    )
    _assert_nothing_leaked(root, result)


def test_a_web_template_linking_to_the_private_file_is_not_read(publication) -> None:
    root = publication(_with_private({"templates/web/page.html": "{% include 'notes.html' %}\n"}))
    os.symlink("../../content/contributors.private.yml", root / "templates/web/notes.html")
    result = run("build", "--root", str(root))
    assert result.exit_code == 1
    assert problem_lines(result.stderr)[0] == (
        "templates/web/page.html:1:1: error: this template cannot be used ('notes.html' is "
        "missing, or links to a file outside its templates folder); fix it, or delete it to "
        "use flagpress's built-in one [template-error]"
    )
    _assert_nothing_leaked(root, result)


def test_the_built_in_templates_still_work_in_the_sandbox(publication) -> None:
    """Every page of the test publication renders: built-ins call nothing refused."""
    root = publication({"templates/web/page.html": "<h1>{{ page.title|upper }}</h1>{{ body }}\n"})
    result = run("build", "--root", str(root))
    assert result.exit_code == 0, result.stderr
    assert "<h1>ABOUT US</h1>" in (root / "site/about/index.html").read_text(encoding="utf-8")


SCREEN_ONLY = SITE_CONFIG + "print: {variants: [screen]}\n"


def _errors(result: Result) -> list[str]:
    """The error lines (the test issue has no cover, a warning when PDFs are made)."""
    return [line for line in result.stderr.splitlines() if ": error: " in line]


@pytest.mark.parametrize("name", ["cycler-globals", "self-globals"])
def test_a_sandbox_escape_in_a_print_template_fails_at_its_line(publication, name: str) -> None:
    cover = '<section class="cover">\n<h1>{{ issue.title }}</h1>\n' + PAYLOADS[name] + "\n"
    files = {"site_config.yml": SCREEN_ONLY, "templates/print/cover.html": cover + "</section>\n"}
    root = publication(_with_private(files))
    result = run("build", "--root", str(root))
    assert result.exit_code == 1
    assert _errors(result)[0] == (
        "templates/print/cover.html:3:1: error: this print template tries to use something "
        f"templates may not ({REFUSED[name]}); {UNSAFE_ADVICE}"
    )
    _assert_nothing_leaked(root, result)
    assert not list(root.rglob("*.pdf"))


def test_flagpress_pdf_refuses_an_unsafe_print_template_too(publication, tmp_path: Path) -> None:
    files = {"site_config.yml": SCREEN_ONLY, "templates/print/cover.html": PAYLOADS["format"]}
    root = publication(_with_private(files))
    out = tmp_path / "out.pdf"
    result = run("pdf", "2019-03", "--root", str(root), "--output", str(out))
    assert result.exit_code == 1
    assert _errors(result)[0] == (
        "templates/print/cover.html:1:1: error: this print template tries to use something "
        f"templates may not ({REFUSED['format']}); {UNSAFE_ADVICE}"
    )
    assert not out.exists()
    _assert_nothing_leaked(root, result)


@pytest.mark.parametrize("name", ["cycler-globals", "self-globals", "lipsum-globals"])
def test_a_sandbox_escape_in_a_theme_template_fails_at_its_line(publication, name: str) -> None:
    main = (
        "{% extends 'base.html' %}\n{% block content %}\n" + PAYLOADS[name] + "\n{% endblock %}\n"
    )
    root = publication(_with_private({"templates/theme/main.html": main}))
    result = run("build", "--root", str(root))
    assert result.exit_code == 1
    assert problem_lines(result.stderr)[0] == (
        "templates/theme/main.html:3:1: error: a theme template tries to use something "
        f"templates may not ({REFUSED[name]}); fix the file, or delete it to use flagpress's "
        "built-in theme [template-unsafe]"
    )
    _assert_nothing_leaked(root, result)


def test_a_theme_template_cannot_make_mkdocs_read_a_file(publication) -> None:
    """MkDocs's objects have methods that read files; the theme may call none of them."""
    call = (
        "{{ page.file.generated(config, 'x.md', "
        "abs_src_path='content/contributors.private.yml').content_string }}"
    )
    main = "{% extends 'base.html' %}\n{% block content %}" + call + "{% endblock %}\n"
    root = publication(_with_private({"templates/theme/main.html": main}))
    result = run("build", "--root", str(root))
    assert result.exit_code == 1
    assert problem_lines(result.stderr)[0] == (
        "templates/theme/main.html:2:1: error: a theme template tries to use something "
        "templates may not (calling 'generated' is not allowed in templates); fix the file, "
        "or delete it to use flagpress's built-in theme [template-unsafe]"
    )
    _assert_nothing_leaked(root, result)


# --- settings shown on every page ------------------------------------------------

TITLE = "</title><script>alert(1)</script> & co"
DESCRIPTION = 'Us "><script>alert(2)</script>'


def test_title_and_description_are_escaped_once_on_every_page(publication) -> None:
    config = SITE_CONFIG.replace("title: Test Magazine", f"title: '{TITLE}'")
    config += f"description: '{DESCRIPTION}'\n" + WEB_ONLY
    root = publication({"site_config.yml": config})
    result = run("build", "--root", str(root))
    assert result.exit_code == 0, result.stderr
    files = snapshot(root / "site")
    pages = {name: data.decode() for name, data in files.items() if name.endswith(".html")}
    assert len(pages) >= 10
    escaped_title = "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"
    for name, html in pages.items():
        assert "<script>alert" not in html, name
        assert "&amp;lt;" not in html and "&amp;amp;" not in html, name
        if name == "404.html":
            continue
        title = re.search(r"<title>(.*?)</title>", html, re.S)
        assert title, name
        if name == "index.html":  # the home page is titled by the publication's title alone
            assert title.group(1).strip() == escaped_title
        else:
            assert title.group(1).endswith(f" - {escaped_title}"), name
        assert f'aria-label="{escaped_title}"' in html, name  # the header's logo link
        assert '<link rel="canonical" href="https://example.org/test/' in html, name
    home = pages["index.html"]
    assert '<meta name="description" content="Us &#34;&gt;&lt;script&gt;alert(2)' in home
    index = json.loads(files["search/search_index.json"])
    assert all("<script>" not in doc["title"] + doc["text"] for doc in index["docs"])
    assert any(escaped_title in doc["title"] for doc in index["docs"])
    sitemap = files["sitemap.xml"].decode()
    assert "<loc>https://example.org/test/</loc>" in sitemap and "script" not in sitemap


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "not a url", "'https://example.org/\"><script>'", "http://"]
)
def test_a_website_address_that_is_not_one_is_refused_at_its_line(publication, url: str) -> None:
    config = SITE_CONFIG.replace("url: https://example.org/test/", f"url: {url}") + WEB_ONLY
    root = publication({"site_config.yml": config})
    result = run("check", "--root", str(root))
    assert result.exit_code == 1
    assert problem_lines(result.stderr)[0] == (
        "site_config.yml:4:6: error: 'url': write the website's address, starting with "
        "https://, e.g. https://www.example.org/ [bad-url]"
    )


def test_an_attribute_found_safe_once_is_still_refused_when_it_holds_a_path() -> None:
    """The sandbox remembers its decisions by the object's type, the attribute and the
    value's type: the same attribute holding a path later is refused all the same."""
    from dataclasses import dataclass
    from pathlib import PurePosixPath

    from jinja2.sandbox import SecurityError

    from flagpress.render.templates import Sandbox

    @dataclass
    class Holder:
        where: object

    template = Sandbox().from_string("{{ item.where }}")
    assert template.render(item=Holder("a text")) == "a text"
    with pytest.raises(SecurityError, match="attribute 'where'"):
        template.render(item=Holder(PurePosixPath("content/contributors.private.yml")))
    assert template.render(item=Holder("again")) == "again"
