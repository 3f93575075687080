"""`flagpress init`: a new publication that checks and builds at once, with what a team
needs around it (.gitignore, README, GitHub workflow, pre-commit, VS Code wiring)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from importlib import metadata
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import check, run, visible_text

from flagpress.commands.init import requirement
from flagpress.keys import declared_keys
from flagpress.load.json_schema import schemas
from flagpress.settings import SiteConfig

MONTH = f"{dt.date.today():%Y-%m}"


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One publication made by `flagpress init` (not in a terminal), shared by the tests
    that only read it."""
    folder = tmp_path_factory.mktemp("init") / "our-mag"
    result = run("init", str(folder), "--title", "Hove Voices", "--publisher", "Hove Partnership")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        f"Made a new publication in {folder}/, with a draft article in "
        f"content/issues/{MONTH}/welcome.md.\n"
        f"Next: cd {folder}, read README.md, then run flagpress check and flagpress build.\n"
    )
    return folder


def test_it_checks_and_builds_at_once(tmp_path: Path) -> None:
    folder = tmp_path / "new"
    assert run("init", str(folder), "--title", "Hove Voices").exit_code == 0
    result = check(folder)
    assert (result.exit_code, result.stderr) == (0, "")
    assert re.fullmatch(r"No problems found in \d+ files\.\n", result.stdout), result.stdout
    built = run("build", "--root", str(folder))
    assert built.exit_code == 0, built.stderr
    assert built.stdout.endswith(f"PDFs into {folder / 'site'}/\n")
    home = visible_text(folder / "site/index.html")
    assert "Hove Voices" in home
    about = visible_text(folder / "site/about/index.html")
    assert "Hove Voices is written by the people it is about, together with staff." in about
    assert not (folder / "site/issues" / MONTH / "welcome").exists()  # the article is a draft


@pytest.mark.slow  # renders three PDFs: about 9 s on a busy 2-core machine
def test_it_builds_with_every_pdf_once_the_article_is_published(tmp_path: Path) -> None:
    folder = tmp_path / "new"
    run("init", str(folder))
    article = folder / "content/issues" / MONTH / "welcome.md"
    article.write_text(
        article.read_text(encoding="utf-8").replace("status: draft  ", "status: published"),
        encoding="utf-8",
    )
    built = run("build", "--root", str(folder))
    assert built.exit_code == 0, built.stderr
    assert "Built" in built.stdout and " 3 PDFs into " in built.stdout
    page = visible_text(folder / "site/issues" / MONTH / "welcome/index.html")
    assert "Why we are making this magazine together." in page
    assert "an editor" in page.lower()  # the example person is named nowhere


def test_it_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = run("init", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == (
        f"flagpress: error: {tmp_path} is not empty; give a new folder, or an empty one\n"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_an_empty_folder_is_used(tmp_path: Path) -> None:
    assert run("init", str(tmp_path)).exit_code == 0
    assert (tmp_path / "site_config.yml").is_file()


def test_site_settings_list_every_declared_key(made: Path) -> None:
    text = (made / "site_config.yml").read_text(encoding="utf-8")
    written = yaml.safe_load(re.sub(r"(?m)^(\s*)# (?=[a-z_]+:)", r"\1", text))
    assert list(written) == [d.name for d in declared_keys(SiteConfig)]
    assert (written["title"], written["publisher"]) == ("Hove Voices", "Hove Partnership")


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_git_ignores_the_private_file_and_what_flagpress_makes(made: Path, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(made, repo)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    paths = [
        "content/contributors.private.yml",
        ".flagpress-cache/leak-scan/x",
        "site/index.html",
        ".site-releases/release-1/index.html",
        "print/x.pdf",
        ".print-releases/r/x.pdf",
        "hove-voices-issue-1-screen.pdf",
    ]
    kept = ["content/issues/2019-03/report.pdf", "site_config.yml", "content/contributors.yml"]
    ignored = subprocess.run(
        ["git", "-C", str(repo), "check-ignore", "--no-index", *paths, *kept],
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    assert ignored == paths


def test_the_workflow_checks_pull_requests_and_publishes_main(made: Path) -> None:
    workflow = yaml.safe_load((made / ".github/workflows/flagpress.yml").read_text("utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true; GitHub reads "on"
    assert set(triggers) == {"pull_request", "push", "workflow_dispatch"}
    assert triggers["push"] == {"branches": ["main"]}
    assert workflow["permissions"] == {"contents": "read"}
    jobs = workflow["jobs"]
    assert set(jobs) == {"check", "build", "deploy"}
    assert jobs["check"]["if"] == "github.event_name == 'pull_request'"
    assert _runs(jobs["check"])[-1] == "flagpress check"
    assert jobs["build"]["if"] == "github.event_name != 'pull_request'"
    assert "flagpress build" in _runs(jobs["build"])
    uses = [step.get("uses", "") for step in jobs["build"]["steps"]]
    upload = next(s for s in jobs["build"]["steps"] if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"] == {"path": "site"}
    assert uses.index(upload["uses"]) > [s.get("run") for s in jobs["build"]["steps"]].index(
        "flagpress build"
    )
    deploy = jobs["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_the_workflows_check_puts_each_problem_on_its_line(made: Path, tmp_path: Path) -> None:
    """GitHub sets GITHUB_ACTIONS in a workflow, so the check job's `flagpress check`
    prints annotations: each a note on the line of the pull request it is about."""
    copy = tmp_path / "copy"
    shutil.copytree(made, copy)
    article = copy / "content/issues" / MONTH / "welcome.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("[first-editor]", "[first-editr]"), encoding="utf-8")
    result = run("check", "--root", str(copy), env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith(
        f"::error file=content/issues/{MONTH}/welcome.md,line=7,col=11,"
        "title=unknown-contributor::no contributor 'first-editr'"
    )


def _runs(job: dict) -> list[str]:
    return [step["run"].strip() for step in job["steps"] if "run" in step]


def test_the_private_details_come_only_from_a_secret(made: Path) -> None:
    build_job = yaml.safe_load((made / ".github/workflows/flagpress.yml").read_text("utf-8"))[
        "jobs"
    ]["build"]
    assert build_job["env"] == {"PRIVATE_DETAILS": "${{ secrets.FLAGPRESS_CONTRIBUTORS_PRIVATE }}"}
    step = next(s for s in build_job["steps"] if "contributors.private.yml" in s.get("run", ""))
    assert step["if"] == "env.PRIVATE_DETAILS != ''"
    assert "echo" not in step["run"]  # printf into the file: the secret is never printed


def test_pre_commit_runs_check_on_the_whole_publication(made: Path) -> None:
    config = yaml.safe_load((made / ".pre-commit-config.yaml").read_text("utf-8"))
    (hook,) = config["repos"][0]["hooks"]
    assert config["repos"][0]["repo"] == "local"
    assert (hook["entry"], hook["language"], hook["pass_filenames"]) == (
        "flagpress check",
        "system",
        False,
    )
    for changed in ("content/issues/1/a.md", "site_config.yml", "templates/web/page.html"):
        assert re.search(hook["files"], changed)
    assert not re.search(hook["files"], "README.md")


def test_vs_code_is_wired_to_current_schemas_that_the_new_files_pass(made: Path) -> None:
    settings = json.loads((made / ".vscode/settings.json").read_text("utf-8"))
    assert json.loads((made / ".vscode/extensions.json").read_text("utf-8")) == {
        "recommendations": ["redhat.vscode-yaml"]
    }
    for schema_file, pattern in settings["yaml.schemas"].items():
        schema = json.loads((made / schema_file).read_text("utf-8"))
        assert schema == schemas()[Path(schema_file).name]
        (target,) = made.glob(pattern)
        # editors' tools read YAML 1.2: dates stay text, as the schemas expect
        document = yaml.load(target.read_text("utf-8"), Loader=_Yaml12)
        jsonschema.validate(document, schema)


class _Yaml12(yaml.SafeLoader):
    """YAML as editors' tools read it: a date is text."""


_Yaml12.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def test_the_readme_for_editors_names_the_publication_and_real_commands(made: Path) -> None:
    from flagpress.cli import main

    readme = (made / "README.md").read_text("utf-8")
    assert readme.startswith("# Hove Voices\n")
    commands = set(re.findall(r"`flagpress ([a-z-]+)", readme))
    assert commands - {"serve"} <= set(main.commands)  # serve: issue 12, another change
    assert "contributors.private.yml" in readme
    requirements = (made / "requirements.txt").read_text("utf-8").splitlines()
    assert requirements[-1].startswith("flagpress==")


class _Installed(metadata.Distribution):
    """A flagpress as pip recorded it: its version and where it came from."""

    def __init__(self, direct_url: dict | None) -> None:
        self.direct_url = direct_url

    def read_text(self, filename: str) -> str | None:
        if filename == "METADATA":
            return "Metadata-Version: 2.1\nName: flagpress\nVersion: 0.3.0\n"
        if filename == "direct_url.json" and self.direct_url is not None:
            return json.dumps(self.direct_url)
        return None

    def locate_file(self, path):  # noqa: ANN001, ANN201
        return path


GIT = {
    "url": "https://github.com/example/flagpress",
    "vcs_info": {"vcs": "git", "commit_id": "0123abcd" * 5, "requested_revision": "v0.3.0"},
}


@pytest.mark.parametrize(
    ("direct_url", "expected"),
    [
        (GIT, f"flagpress @ git+https://github.com/example/flagpress@{'0123abcd' * 5}"),
        (None, "flagpress==0.3.0"),  # from an index such as PyPI
        ({"url": "file:///home/me/flagpress", "dir_info": {"editable": True}}, "flagpress==0.3.0"),
        ({**GIT, "url": "ssh://git@example.org/flagpress"}, "flagpress==0.3.0"),
    ],
)
def test_the_workflow_installs_the_flagpress_this_was_made_with(direct_url, expected) -> None:  # noqa: ANN001
    assert requirement(_Installed(direct_url)) == expected


def test_in_a_terminal_it_asks_for_the_name_publisher_and_address(tmp_path: Path) -> None:
    from test_new import in_terminal

    folder = tmp_path / "asked"
    answers = "Hove Voices\nHove Partnership\nhttps://hove.example.org/\n"
    output = in_terminal(["init", str(folder)], answers)
    assert "The publication's name [Our Magazine]:" in output
    settings = yaml.safe_load((folder / "site_config.yml").read_text(encoding="utf-8"))
    assert (settings["title"], settings["publisher"], settings["url"]) == (
        "Hove Voices",
        "Hove Partnership",
        "https://hove.example.org/",
    )


def test_settings_that_would_not_build_are_refused_before_anything_is_written(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "new"
    result = run("init", str(folder), "--url", "www.hove.example.org")
    assert (result.exit_code, result.stderr) == (
        2,
        "flagpress: error: --url: write the website's address, starting with https://, e.g. "
        "https://www.example.org/\n",
    )
    result = run("init", str(folder), "--title", " ")
    assert result.stderr == (
        "flagpress: error: give the publication's name in words, with no control characters\n"
    )
    assert not folder.exists()
