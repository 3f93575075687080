"""A synthetic archive for benchmarks: N articles across printed issues and web-only ones.

The sample publication has seven articles; an archive after years of issues has
thousands. This writes a publication of that shape so `compare.py` can time flagpress
against plain MkDocs + Material on the same Markdown: ~700-word articles with realistic
front matter (authors, credits, co-production, tags, content notes, a lead image),
footnotes, images with captions, links to other articles and pages, pull quotes and a
table; 50 fictional contributors; and, when asked, a `contributors.private.yml` with
real names, emails and phone numbers for all 50 (none appear in any text, so the
build's leak scan passes and must search everything).

    python3 benchmarks/archive.py DIR [--articles 200] [--issue-size 8] [--printed 0.4]
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PEOPLE = 50
ROLES = ("volunteer", "action-group-member", "peer-researcher", "interviewer", "editor")
SHOWN_AS = ("full", "first-name", "initials", "pseudonym", "anonymous")
TYPES = ("article", "case-study", "editorial", "interview", "news")
LEVELS = ("informing", "consultation", "engagement", "co-design", "co-production")
STAGES = ("co-planning", "co-design", "co-delivery", "co-evaluation")
TAGS = ("housing", "co-production", "volunteering", "health", "evaluation", "recovery")
FIRST = ("Alex", "Bea", "Cal", "Dee", "Eli", "Fern", "Gus", "Hana", "Ira", "Jo")
# Made-up surnames: never everyday words, so the leak scan's surname rule applies.
SYLLABLES = ("vor", "quen", "dral", "mib", "tharn", "zel", "brox", "wend", "kiv", "lup")
IMAGES = ("four-stages.svg", "ladder-of-participation.svg", "photo.jpg")
PHOTO = (1600, 1067)  # a photograph as editors upload them, resized by a phone or an app
# Short sentences, so the plain-language checks pass and the report stays readable;
# a third of them with the straight quotes, dashes and dots that writers type.
SENTENCES = (
    "Volunteers and staff met every fortnight to plan the work.",
    "Everyone brought what they knew to the table.",
    "Tasks went to whoever had the skill, paid or not.",
    "We wrote down what worked and what did not.",
    "Then we changed our plan and tried again.",
    "People with lived experience helped to design the service.",
    "They also checked how it was going each month.",
    "The council listened and made two changes.",
    # Apostrophes, quotes and dashes, as real writing has them (smarty makes them curly).
    "We didn't wait for anyone's permission to start.",
    'One volunteer said: "This is the first time we\'ve been asked."',
    "It took time -- more than we'd planned...",
    "Nobody's view counted for more than anyone else's.",
)


def surname(number: int) -> str:
    """A distinctive made-up surname, different for each person."""
    first, second = divmod(number, len(SYLLABLES))
    return (SYLLABLES[first % len(SYLLABLES)] + SYLLABLES[second] + "ington").capitalize()


def contributors(private: bool) -> tuple[str, str]:
    """The public registry and the private file for PEOPLE fictional people."""
    public, secret = [], []
    for n in range(PEOPLE):
        pid, shown = f"p{n:02d}", SHOWN_AS[n % len(SHOWN_AS)]
        first, last = FIRST[n % len(FIRST)], surname(n)
        name = {
            "full": f"{first} {last}",
            "first-name": first,
            "initials": f"{first[0]}. {last[0]}.",
            "pseudonym": surname(n)[:-6] + "wick",
            "anonymous": "",
        }[shown]
        lines = [f"- id: {pid}", f"  shown_as: {shown}"]
        lines += [f"  name: {name}"] if name else []
        lines += [
            f"  roles: [{ROLES[n % len(ROLES)]}, {ROLES[(n + 2) % len(ROLES)]}]",
            f"  lived_experience: {'true' if n % 3 else 'false'}",
            f"  profile: {'true' if n % 4 == 0 else 'false'}",
            # Some pseudonymous people may not be named in print: their PDFs credit a phrase.
            "  consent: {web: true, print: " + ("false" if n % 10 == 3 else "true")
            + ", photo: false, given: 2019-01-10, review: 2030-01-10, withdrawn: null}",
        ]
        public.append("\n".join(lines))
        secret.append(
            f"{pid}: {{real_name: {first} {last}, email: {first.lower()}.{last.lower()}"
            f"@example.net, phone: \"07700 900{(n * 37 + 123) % 1000:03d}\"}}"
        )
    return "\n\n".join(public) + "\n", ("\n".join(secret) + "\n") if private else ""


def front_matter(number: int, rng: random.Random, image: str | None) -> str:
    """Details as an editor would write them: people, roles, co-production, tags."""
    authors = rng.sample(range(PEOPLE), 2)
    helper = rng.choice([n for n in range(PEOPLE) if n not in authors])
    level = LEVELS[number % len(LEVELS)]
    stages = [] if level == "informing" else rng.sample(STAGES, 2)
    lines = [
        "---",
        f"title: \"Report {number}: how we worked together on {TAGS[number % len(TAGS)]}\"",
        f"type: {TYPES[number % len(TYPES)]}",
        f"summary: What volunteers and staff learned from piece of work number {number}.",
        f"date: {2015 + number % 10}-{1 + number % 12:02d}-01",
        "status: published",
        f"authors: [p{authors[0]:02d}, p{authors[1]:02d}]",
        f"credits:\n  - {{id: p{helper:02d}, role: {ROLES[helper % len(ROLES)]}}}",
        f"coproduction: {{level: {level}, stages: [{', '.join(stages)}]}}",
        f"tags: [{', '.join(rng.sample(TAGS, 2))}]",
    ]
    if number % 4 == 0:
        lines.append("content_note: Mentions homelessness.")
    if image:
        lines.append(f"image: {{src: {image}, alt: \"A diagram of how the work was shared\"}}")
    return "\n".join(lines + ["---", ""])


def paragraph(rng: random.Random) -> str:
    return " ".join(rng.choice(SENTENCES) for _ in range(6))


def body(number: int, rng: random.Random, link: str, image: str | None) -> str:
    """About 700 words in five sections, with the features editors use."""
    parts = []
    for section in range(5):
        parts.append(f"## Part {section + 1} of the work")
        parts += [paragraph(rng), paragraph(rng) + f" We kept notes.[^{section + 1}]"]
    parts.insert(3, f"Read [the report before this one]({link}) for the start of the story.")
    parts.insert(6, "/// pull-quote\nWe all worked as one team, paid or not.\n///")
    if image:
        parts.insert(9, f"![Four stages of co-production in a circle]({image})\n\n"
                        f"/// caption\nFigure {number}: the four stages\n///")
    parts.append("| Stage | Who led it |\n| --- | --- |\n| Planning | Volunteers |\n"
                 "| Delivery | Staff and volunteers |")
    parts += [f"[^{n + 1}]: Meeting notes, {2015 + n}." for n in range(5)]
    return "\n\n".join(parts) + "\n"


def write_article(folder: Path, number: int, rng: random.Random, link: str, pics: bool) -> str:
    name = f"report-{number:05d}.md"
    image = f"images/{IMAGES[number // 3 % len(IMAGES)]}" if pics and number % 3 == 0 else None
    text = front_matter(number, rng, image) + body(number, rng, link, image)
    (folder / name).write_text(text, encoding="utf-8")
    return name


def write_images(folder: Path) -> None:
    """The sample's two drawings, and a photograph of the folder's own (a different JPEG
    in each folder: an archive's pictures are each cleaned by the gate)."""
    (folder / "images").mkdir(parents=True, exist_ok=True)
    for image in IMAGES[:2]:
        shutil.copy(REPO / "content/issues/2019-03/images" / image, folder / "images" / image)
    from PIL import Image  # noqa: PLC0415 - Pillow comes with flagpress

    rng = random.Random(str(folder))
    small = Image.frombytes("RGB", (40, 27), bytes(rng.randrange(256) for _ in range(40 * 27 * 3)))
    small.resize(PHOTO, Image.Resampling.BICUBIC).save(folder / "images" / IMAGES[2], quality=85)


def write_config(root: Path, print_variants: bool) -> None:
    """The sample's settings, without sign-off (no approvals to forge) or, if asked, PDFs."""
    config = (REPO / "site_config.yml").read_text(encoding="utf-8")
    config = config.replace("sign_off: lived-experience", "sign_off: none")
    if not print_variants:
        config += "print: {variants: []}\n"
    (root / "site_config.yml").write_text(config, encoding="utf-8")
    if (REPO / "templates").is_dir():  # the masthead drawing the settings name
        shutil.copytree(REPO / "templates", root / "templates", dirs_exist_ok=True)


def make_archive(
    root: Path, articles: int, issue_size: int = 8, printed: float = 0.4,
    private: bool = False, print_variants: bool = False,
) -> list[Path]:
    """Write the archive into `root`; return the issue folders, oldest first."""
    rng = random.Random(articles)
    write_config(root, print_variants)
    content = root / "content"
    shutil.copytree(REPO / "content/pages", content / "pages")
    public, secret = contributors(private)
    (content / "contributors.yml").write_text(public, encoding="utf-8")
    if secret:
        (content / "contributors.private.yml").write_text(secret, encoding="utf-8")
    issues = max(1, round(articles * printed / issue_size))
    folders, number = [], 0
    for issue in range(issues):
        folder = content / "issues" / f"{2015 + issue // 4}-{1 + 3 * (issue % 4):02d}"
        write_images(folder)
        names = [write_article(folder, number + i, rng, "report-placeholder.md", True)
                 for i in range(issue_size)]
        number += issue_size
        for name in names:  # each links to the issue's first article (the first to itself)
            path = folder / name
            path.write_text(path.read_text().replace("report-placeholder.md", names[0]))
        (folder / "issue.yml").write_text(
            f"title: Issue {issue + 1}\nnumber: {issue + 1}\ndate: {folder.name}-01\n"
            f"editors: [p00, p01]\narticles: [{', '.join(names)}]\n", encoding="utf-8")
        folders.append(folder)
    web = content / "articles"
    write_images(web)
    for n in range(number, max(articles, number)):
        write_article(web, n, rng, "../pages/about.md", True)
    return folders


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="an empty or new folder")
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--issue-size", type=int, default=8, help="articles per printed issue")
    parser.add_argument("--printed", type=float, default=0.4, help="share in printed issues")
    parser.add_argument("--private", action="store_true", help="write contributors.private.yml")
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    make_archive(args.folder, args.articles, args.issue_size, args.printed, args.private)
    print(f"wrote {args.articles} articles to {args.folder}")


if __name__ == "__main__":
    main()
