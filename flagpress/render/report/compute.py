"""The report's figures, counted from the Edition and the registry, then suppressed.

Everything is counted from what is public today (the Edition): drafts and embargoed
articles never count. `lived_experience` comes from the registry and is only ever
added up, never kept per person. "Named" follows web consent, as on the website.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from flagpress.model import LADDER, STAGES
from flagpress.render.edition import Edition, PublicArticle
from flagpress.render.report.figures import Figure, Group, Report, Row, Table
from flagpress.render.report.scope import Part, Scope, parts
from flagpress.render.report.suppress import suppress
from flagpress.sign_off import must_sign

NOT_RECORDED = "Not recorded"
EDITED = "Edited an issue"
TOP_RUNGS = ("co-production", "co-design")  # "doing with" people
WITH, WITHOUT = "At least one with lived experience", "None with lived experience"


def build_report(edition: Edition, scope: Scope) -> Report:
    """The report of `scope`, with small numbers about people already hidden."""
    counter = _Counter(edition, parts(edition, scope))
    report = Report(scope.describe(edition), edition.config.suppress_below, counter.total.value)
    counter.fill(report)
    return suppress(report)


class _Counter:
    """Counts one selection of articles into the report's tables and groups."""

    def __init__(self, edition: Edition, selected: Sequence[Part]) -> None:
        self.edition, self.parts = edition, list(selected)
        self.articles = [a for part in self.parts for a in part.articles]
        self.total = Figure(len(self.articles))  # articles: public, never hidden

    def fill(self, report: Report) -> None:
        report.tables += [self.ladder(), self.stages(), self.roles(report)]
        lived = self.lived_experience(report)
        report.tables += [lived, self.sign_off(report, lived), self.people(report)]
        report.tables.append(self.trends(report, lived))

    def count(self, articles: Iterable[PublicArticle], people: bool = False) -> Figure:
        return Figure(sum(1 for _ in articles), people, self.total.value)

    def lived(self, person: str) -> bool:
        found = self.edition.contributors.get(person)
        return found is not None and found.lived_experience

    def needs(self, article: PublicArticle) -> list[str]:
        policy = self.edition.config.policy.sign_off
        return must_sign(policy, self.edition.contributors, article.people)

    def ladder(self) -> Table:
        levels = [a.coproduction.level if a.coproduction else None for a in self.articles]
        rungs: list[tuple[str, str | None]] = [(r.capitalize(), r) for r in reversed(LADDER)]
        rungs += [(NOT_RECORDED, None)] if None in levels else []
        rows = [Row(label, (self._share(levels.count(rung)),)) for label, rung in rungs]
        return Table(
            "ladder",
            "Articles by rung of the ladder",
            "How many articles reached each rung of the ladder of participation.",
            ("Articles",),
            tuple(rows),
        )

    def stages(self) -> Table:
        rows = [
            Row(stage.capitalize(), (self.count(a for a in self.articles if _has(a, stage)),))
            for stage in STAGES
        ]
        return Table(
            "stages",
            "Stages covered",
            "How many articles involved people at each stage (an article can cover several).",
            ("Articles",),
            tuple(rows),
        )

    def roles(self, report: Report) -> Table:
        made = Counter(c.role for a in self.articles for c in a.contributions)
        made[EDITED] = sum(len(p.editors) for p in self.parts)
        labels = ["Author", *self.edition.config.roles.values(), EDITED]
        labels += sorted(set(made) - set(labels))
        rows = [Row(label, (Figure(made[label], True),)) for label in labels if made[label]]
        total = Figure(sum(made.values()), True)
        report.groups.append(Group(tuple(r.cells[0] for r in rows), total))
        return Table(
            "roles",
            "Contributions by role",
            "How many times someone was credited in each role (one person can have several).",
            ("Contributions",),
            (*rows, Row("All contributions", (total,))),
        )

    def lived_experience(self, report: Report) -> Table:
        rows = []
        for label, who in (
            ("Among the authors", lambda a: a.authors),
            ("Among the people who signed off", lambda a: a.signed_by),
        ):
            with_ = self.count((a for a in self.articles if any(map(self.lived, who(a)))), True)
            without = Figure(self.total.value - with_.value, True, self.total.value)
            report.groups.append(Group((with_, without), self.total))
            rows.append(Row(label, (with_, without)))
        return Table(
            "lived-experience",
            "Lived experience",
            "How many articles had at least one person with lived experience among their "
            "authors, and among the people who approved the text.",
            (WITH, WITHOUT),
            tuple(rows),
        )

    def sign_off(self, report: Report, lived: Table) -> Table:
        needing = [a for a in self.articles if self.needs(a)]
        needed = self._share(len(needing), True)
        not_needed = self._share(self.total.value - needed.value, True)
        signed = self._share(sum(set(self.needs(a)) <= set(a.signed_by) for a in needing), True)
        report.groups += [Group((needed, not_needed), self.total), Group((signed,), needed)]
        if self.edition.config.policy.sign_off == "lived-experience":  # the same count twice
            signers = lived.cell("Among the people who signed off", WITH)
            report.groups.append(Group((signers,), needed))
        by = [person for a in self.articles for person in a.signed_by]
        every = Figure(len(by), True)
        by_lived = Figure(sum(map(self.lived, by)), True)
        lived_rows = [
            Row("Sign-offs by people with lived experience", (by_lived,)),
            Row(
                "Sign-offs by people without lived experience",
                (Figure(len(by) - by_lived.value, True),),
            ),
        ]
        role_rows = self._by_role(by)
        report.groups.append(Group(tuple(r.cells[0] for r in lived_rows), every))
        report.groups.append(Group(tuple(r.cells[0] for r in role_rows), every))
        return Table(
            "sign-off",
            "Sign-off",
            "How many articles needed the approval of the people they feature, how many "
            "had it, and who gave it (counted, never named).",
            ("Count",),
            (
                Row("Articles that needed sign-off", (needed,)),
                Row("Articles that did not need sign-off", (not_needed,)),
                Row("Articles signed off by everyone needed", (signed,)),
                *lived_rows,
                *role_rows,
                Row("All sign-offs", (every,)),
            ),
        )

    def _by_role(self, people: list[str]) -> list[Row]:
        """Sign-offs counted by the first role of who gave them."""
        roles = self.edition.config.roles
        made: Counter[str] = Counter()
        for person in people:
            found = self.edition.contributors.get(person)
            role = found.roles[0] if found and found.roles else ""
            made[roles.get(role, "Contributor")] += 1
        return [
            Row(f"Sign-offs by: {role}", (Figure(n, True),)) for role, n in sorted(made.items())
        ]

    def people(self, report: Report) -> Table:
        namer = self.edition.namer("web")
        rows = []
        for part in self.parts:
            people = set(part.editors) | {p for a in part.articles for p in a.people}
            named = Figure(sum(map(namer.may_name, people)), True)
            everyone = Figure(len(people), True)
            not_named = Figure(everyone.value - named.value, True)
            report.groups.append(Group((named, not_named), everyone))
            rows.append(Row(part.label, (named, not_named, everyone)))
        return Table(
            "people",
            "People credited per issue",
            "How many different people were credited in each issue: named on the website, "
            "and credited without their name (as they asked).",
            ("Named", "Not named", "Everyone"),
            tuple(rows),
        )

    def trends(self, report: Report, lived: Table) -> Table:
        rows = []
        for part in self.parts:
            size = len(part.articles)
            top = [a for a in part.articles if a.coproduction and a.coproduction.level in TOP_RUNGS]
            authors = [a for a in part.articles if any(map(self.lived, a.authors))]
            signers = [a for a in part.articles if any(map(self.lived, a.signed_by))]
            rows.append(
                Row(
                    part.label,
                    (
                        Figure(size),
                        Figure(len(top), False, size),
                        Figure(len(authors), True, size),
                        Figure(len(signers), True, size),
                    ),
                )
            )
        for column, row in ((2, "Among the authors"), (3, "Among the people who signed off")):
            total = lived.cell(row, WITH)
            report.groups.append(Group(tuple(r.cells[column] for r in rows), total))
        return Table(
            "trends",
            "Issue by issue",
            "For each issue: its articles, how many were co-produced or co-designed, and how "
            "many had a person with lived experience among the authors and among those who "
            "approved the text.",
            (
                "Articles",
                "Co-produced or co-designed",
                "An author with lived experience",
                "Signed off by someone with lived experience",
            ),
            tuple(rows),
        )

    def _share(self, value: int, people: bool = False) -> Figure:
        return Figure(value, people, self.total.value)


def _has(article: PublicArticle, stage: str) -> bool:
    return article.coproduction is not None and stage in article.coproduction.stages
