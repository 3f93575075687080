"""What flagpress keeps in the user's cache folder (compiled templates, common words):
the same answers as without it, never a failed build, and nothing private in it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest
from conftest import run

from flagpress.publish import common_words, secrets
from flagpress.render import compiled_templates
from flagpress.render.templates import ContainedLoader, Sandbox
from flagpress.render.web.mkdocs_adapter.site import _ThemeLoader


@pytest.fixture
def user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user cache folder of this test's own, empty to begin with; templates in the
    test's folder count as shipped by a package (only those are kept)."""
    folder = tmp_path / "user-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    monkeypatch.setattr(compiled_templates, "_package_roots", lambda: (tmp_path.resolve(),))
    common_words._common.cache_clear()
    yield folder
    common_words._common.cache_clear()


def _render(folder: Path, source: str, **options: object) -> str:
    """`page.html` holding `source`, rendered by a new sandbox as a new build would."""
    (folder / "page.html").write_text(source, encoding="utf-8")
    filters = options.pop("filters", {})
    env = Sandbox(loader=ContainedLoader([folder]), **options)
    env.filters.update(filters)  # type: ignore[arg-type]
    return env.get_template("page.html").render(who="<b>Ann</b>")


def test_a_template_compiled_once_is_used_again_until_its_source_changes(
    user_cache: Path, tmp_path: Path
) -> None:
    assert _render(tmp_path, "Hello {{ who }}", autoescape=True) == "Hello &lt;b&gt;Ann&lt;/b&gt;"
    kept = list((user_cache / "flagpress" / "templates").iterdir())
    assert len(kept) == 1
    assert _render(tmp_path, "Hello {{ who }}", autoescape=True) == "Hello &lt;b&gt;Ann&lt;/b&gt;"
    assert list((user_cache / "flagpress" / "templates").iterdir()) == kept
    assert _render(tmp_path, "Bye {{ who }}", autoescape=True) == "Bye &lt;b&gt;Ann&lt;/b&gt;"


def test_environments_that_compile_differently_never_share_code(
    user_cache: Path, tmp_path: Path
) -> None:
    """Same name, same file, same source: an autoescaping environment and one that is
    not, or one with other whitespace rules, each get code of their own."""
    source = "{% if true %}\n  {{ who }}\n{% endif %}"
    escaped = _render(tmp_path, source, autoescape=True)
    assert "&lt;b&gt;" in escaped
    assert "<b>Ann</b>" in _render(tmp_path, source, autoescape=False)
    assert _render(tmp_path, source, autoescape=True, trim_blocks=True) != escaped


def test_no_build_keeps_another_builds_values_in_compiled_code(
    user_cache: Path, tmp_path: Path
) -> None:
    """Jinja folds a filter on a constant at compile time: with a kept compilation, one
    build's translation or naming (here, a filter) would show in the next build."""
    source = "{{ 'editor' | role }}"
    assert _render(tmp_path, source, filters={"role": str.upper}) == "EDITOR"
    assert _render(tmp_path, source, filters={"role": str.title}) == "Editor"


def test_a_cache_that_cannot_be_written_only_costs_time(publication, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    common_words._common.cache_clear()
    root = publication()
    result = run("build", "--root", str(root))
    assert result.exit_code == 0, result.stderr
    page = root / "site" / "issues" / "2019-03" / "foreword" / "index.html"
    assert "Welcome" in page.read_text(encoding="utf-8")


def test_a_publications_own_templates_are_never_kept(publication, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Only templates that packages ship are kept: an override a volunteer wrote (it
    could thank someone by name) is compiled afresh and leaves nothing behind."""
    folder = tmp_path / "user-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    override = (
        "{% extends 'base.html' %}{% block content %}Thanks to Zebedee Quillfeather{% endblock %}"
    )
    root = publication({"templates/theme/main.html": override})
    result = run("build", "--root", str(root))
    assert result.exit_code == 0, result.stderr
    kept = list((folder / "flagpress" / "templates").iterdir())
    assert kept  # Material's and flagpress's own templates
    assert not [p.name for p in kept if b"Quillfeather" in p.read_bytes()]
    page = root / "site" / "issues" / "2019-03" / "foreword" / "index.html"
    assert "Thanks to Zebedee Quillfeather" in page.read_text(encoding="utf-8")


def test_common_words_are_judged_as_wordfreq_judges_them(user_cache: Path) -> None:
    from wordfreq import zipf_frequency

    words = ["green", "smith", "jones", "okonkwo", "andreas", "marianne", "spaces",
             "o'brien", "zzzq", "café", "report", "bloggs", "kowalczyk"]
    for word in words:
        expected = zipf_frequency(word, "en", wordlist=secrets.WORDLIST) >= secrets.SURNAME_MAX_ZIPF
        assert common_words.zipf_at_least(word, secrets.SURNAME_MAX_ZIPF, secrets.WORDLIST) \
            == expected, word


def test_common_words_come_from_the_cache_without_importing_wordfreq(user_cache: Path) -> None:
    """The first answer writes the list (public words only); later builds read it."""
    assert common_words.zipf_at_least("green", secrets.SURNAME_MAX_ZIPF, secrets.WORDLIST)
    (kept,) = (user_cache / "flagpress" / "common-words").iterdir()
    assert "green" in kept.read_text(encoding="utf-8").split()
    probe = (
        "import sys\n"
        "from flagpress.publish.common_words import zipf_at_least\n"
        "print(zipf_at_least('green', 3.5, 'small'), zipf_at_least('okonkwo', 3.5, 'small'),"
        " 'wordfreq' in sys.modules)\n"
    )
    env = dict(os.environ, XDG_CACHE_HOME=str(user_cache))
    out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True,
                         text=True, check=True)
    assert out.stdout.split() == ["True", "False", "False"]


def test_a_damaged_word_list_is_made_again(user_cache: Path) -> None:
    assert common_words.zipf_at_least("green", secrets.SURNAME_MAX_ZIPF, secrets.WORDLIST)
    (kept,) = (user_cache / "flagpress" / "common-words").iterdir()
    kept.write_bytes(b"\xff\xfe not text")
    common_words._common.cache_clear()
    assert common_words.zipf_at_least("green", secrets.SURNAME_MAX_ZIPF, secrets.WORDLIST)
    assert "green" in kept.read_text(encoding="utf-8").split()


def test_the_theme_lists_every_file_mkdocs_would_copy(tmp_path: Path) -> None:
    """Hidden folders (Material's 14,348 icons) are not walked; MkDocs drops them anyway."""
    for name in ("assets/app.js", "main.html", ".icons/a/b.svg", "x/.hidden/y.css", ".dot"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("", encoding="utf-8")
    every = jinja2.FileSystemLoader([tmp_path]).list_templates()
    shown = [name for name in every if not any(p.startswith(".") for p in name.split("/")[:-1])]
    assert _ThemeLoader([tmp_path]).list_templates() == shown
    assert shown == [".dot", "assets/app.js", "main.html"]
