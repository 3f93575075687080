"""Checks on who is credited: known people, known roles, names where names are needed."""

from __future__ import annotations

from collections.abc import Iterator

from flagpress.diagnostics import Location, Problem, did_you_mean
from flagpress.load import CONTRIBUTORS_FILE
from flagpress.load.person_ids import did_you_mean_id
from flagpress.model import Article, Publication


def check(pub: Publication) -> Iterator[Problem]:
    yield from _registry(pub)
    for issue in pub.issues:
        for index, person in enumerate(issue.editors):
            yield from _known(pub, person, issue.written.item("editors", index))
    for article in pub.all_articles():
        yield from _credits(pub, article)


def _skeleton(person_id: str) -> str:
    """What an id looks like at a glance: 'nei1-j', 'neil-j' and 'ne1l_j' look the same."""
    return person_id.replace("rn", "m").translate(_LOOKALIKE).replace("-", "")


_LOOKALIKE = str.maketrans({"0": "o", "1": "l", "i": "l", "5": "s", "8": "b", "2": "z"})


def _lookalikes(pub: Publication) -> Iterator[Problem]:
    first: dict[str, str] = {}
    for person in pub.contributors.values():
        seen = first.setdefault(_skeleton(person.id), person.id)
        if seen != person.id:
            yield person.loc.error(
                "look-alike-id",
                f"'{person.id}' looks like '{seen}' (line {pub.contributors[seen].loc.line}); "
                "credits could go to the wrong person, so choose a clearly different id",
            )


def _registry(pub: Publication) -> Iterator[Problem]:
    yield from _lookalikes(pub)
    roles = pub.config.roles
    for person in pub.contributors.values():
        if person.shown_as != "anonymous" and not person.name:
            yield person.loc.error(
                "missing-name",
                f"'{person.id}' is shown as {person.shown_as} but has no 'name'; add the name "
                "exactly as it should be printed",
            )
        if person.shown_as == "anonymous" and person.name:
            yield person.loc.warning(
                "name-of-anonymous",
                f"'{person.id}' is anonymous, so their name must not be in the public "
                f"{CONTRIBUTORS_FILE}; remove 'name' (real names belong in "
                "contributors.private.yml)",
            )
        for index, role in enumerate(person.roles):
            if role not in roles:
                yield person.written.item("roles", index).error(
                    "unknown-role",
                    f"'{person.id}' has the role '{role}', which is not in site_config.yml "
                    f"roles{did_you_mean(role, roles)}",
                )


def _credits(pub: Publication, article: Article) -> Iterator[Problem]:
    for index, person in enumerate(article.authors):
        yield from _known(pub, person, article.written.item("authors", index))
    for credit in article.credits:
        yield from _known(pub, credit.id, credit.written.value("id"))
        if credit.role not in pub.config.roles:
            yield credit.written.value("role").error(
                "unknown-role",
                f"no role '{credit.role}' in site_config.yml roles"
                f"{did_you_mean(credit.role, pub.config.roles)}",
            )
    for sign_off in article.sign_off:
        yield from _known(pub, sign_off.by, sign_off.written.value("by"))
    if article.image:
        for index, person in enumerate(article.image.people):
            yield from _known(pub, person, article.image.written.item("people", index))


def _known(pub: Publication, person: str, at: Location) -> Iterator[Problem]:
    """An unknown id, reported at `at`: where that very id was written."""
    if pub.registry_ok and person not in pub.contributors:
        yield at.error(
            "unknown-contributor",
            f"no contributor '{person}' in {CONTRIBUTORS_FILE}"
            f"{did_you_mean_id(person, [*pub.contributors.values(), *pub.duplicates])}",
        )
