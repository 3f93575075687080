"""The sample issue laid out as a magazine and read aloud: measured from the PDFs.

Each edition is made once per module with `flagpress pdf`, then read back with pypdf:
how full each page is, how long a line is, the quotes and hyphens in the text, where
the folios sit, how big the small print is, and what a screen reader meets in the
structure tree (one element per article, notes inside their article, the contents as
a table of contents, links that say where they go).
"""

from __future__ import annotations

import math
import re
import statistics
from pathlib import Path

import pytest
import yaml
from conftest import REPO, copy_sample, run
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject

ISSUE = REPO / "content" / "issues" / "2019-03"
VARIANTS = ("screen", "print", "large-print")
TAGGED = ("screen", "large-print")
MM = 72 / 25.4


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample's screen, printer's and large-print editions, made once."""
    folder = tmp_path_factory.mktemp("layout")
    root = copy_sample(folder / "sample", pdfs=True)
    made = {}
    for variant in VARIANTS:
        out = folder / f"{variant}.pdf"
        result = run(
            "pdf", "2019-03", "--variant", variant, "--output", str(out), "--root", str(root)
        )
        assert result.exit_code == 0, result.stderr
        made[variant] = out
    return made


def articles() -> list[dict]:
    names = yaml.safe_load((ISSUE / "issue.yml").read_text(encoding="utf-8"))["articles"]
    return [yaml.safe_load((ISSUE / n).read_text(encoding="utf-8").split("---")[1]) for n in names]


# What is printed where -------------------------------------------------------------


def fragments(page) -> list[tuple[float, float, float, str]]:
    """(x, y, printed size, text) of each piece of text on the page, y from the bottom."""
    found = []

    def visit(text: str, cm: list, tm: list, _font: object, size: float) -> None:
        if not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = math.sqrt(abs((tm[0] * cm[0] + tm[1] * cm[2]) * (tm[2] * cm[1] + tm[3] * cm[3])))
        found.append((x, y, round(size * scale, 1), text))

    page.extract_text(visitor_text=visit)
    return found


def body_size(reader: PdfReader) -> float:
    """The size most characters are printed in: the body text's."""
    counts: dict[float, int] = {}
    for page in reader.pages[2:-1]:
        for _, _, size, text in fragments(page):
            counts[size] = counts.get(size, 0) + len(text)
    return max(counts, key=counts.get)


def text_area(page) -> tuple[float, float]:
    """(top, bottom) of the page's text area: inside the running head and the folio."""
    height = float(page.trimbox.height)
    bottom = float(page.trimbox.bottom)
    return bottom + height - 20 * MM, bottom + (22 if height < 900 else 24) * MM


def fullness(page) -> float:
    """How far down the text area the page's text reaches (0 empty, 1 full)."""
    top, bottom = text_area(page)
    inside = [y for _, y, _, _ in fragments(page) if bottom < y < top]
    return (top - min(inside)) / (top - bottom) if inside else 0.0


def content_pages(reader: PdfReader) -> list[int]:
    """Indexes of the pages between the covers that hold anything (not the printer's blanks)."""
    return [i for i in range(1, len(reader.pages) - 1) if fragments(reader.pages[i])]


@pytest.mark.parametrize("variant", VARIANTS)
def test_no_page_is_less_than_a_third_full_except_the_last(
    pdfs: dict[str, Path], variant: str
) -> None:
    reader = PdfReader(pdfs[variant])
    pages = content_pages(reader)
    filled = {i + 1: round(fullness(reader.pages[i]), 2) for i in pages}
    assert all(f > 0.1 for f in filled.values())  # the measurement sees every page's text
    short = [page for page, f in filled.items() if f < 1 / 3]
    assert short in ([], [pages[-1] + 1]), filled


@pytest.mark.parametrize("variant", VARIANTS)
def test_body_lines_hold_60_to_75_characters(pdfs: dict[str, Path], variant: str) -> None:
    reader = PdfReader(pdfs[variant])
    size = body_size(reader)
    lengths = []
    for page in reader.pages[2:-1]:
        lines: dict[int, list[tuple[float, str]]] = {}
        for x, y, printed, text in fragments(page):
            if printed == size:
                lines.setdefault(round(y), []).append((x, text))
        lengths += [len("".join(t for _, t in sorted(parts)).strip()) for parts in lines.values()]
    full = [n for n in lengths if n >= max(lengths) * 0.6]  # not a paragraph's last line
    assert len(full) > 100
    assert 60 <= statistics.median(full) <= 75, statistics.median(full)
    assert max(lengths) <= 80


def test_quotes_apostrophes_and_dashes_are_typographic(pdfs: dict[str, Path]) -> None:
    text = " ".join(page.extract_text() for page in PdfReader(pdfs["screen"]).pages)
    assert "“professionals” and “service users”" in text  # typed "professionals"
    assert "A person’s experience is a strength" in text  # typed person's
    body = text[text.index("Co-production in practice", 300) :]
    assert "'" not in body and '"' not in body


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_entry_in_the_credits_table_starts_with_a_capital(
    pdfs: dict[str, Path], variant: str
) -> None:
    """How people took part and the stages done together, written as the website writes
    them ("Co-planning, Co-design"), not capitalised in one column and not in the next."""
    text = "\n".join(page.extract_text() for page in PdfReader(pdfs[variant]).pages)
    table = re.sub(r"\s+", "", text[text.index("How each piece was made") :])
    for article in articles():
        made = article["coproduction"]
        assert made["level"].capitalize() in table
        assert ",".join(stage.capitalize() for stage in made["stages"]) in table, article
    assert not re.search(r"(^|[^A-Za-z])co-(planning|design|delivery|evaluation)", table)


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_contents_page_shows_a_small_cover_beside_the_list(
    pdfs: dict[str, Path], variant: str
) -> None:
    """A fuller contents page: the cover art, small, beside the heading (its words are
    the art's own), above each piece's summary (test_print_editions checks those)."""
    contents = squash(PdfReader(pdfs[variant]).pages[1].extract_text())
    assert contents.startswith("inthisissue")
    assert "fulfillinglivesactiongroups" in contents  # drawn only in the cover art


@pytest.mark.parametrize("variant", TAGGED)
def test_the_tagged_editions_break_no_word_with_a_hyphen(
    pdfs: dict[str, Path], variant: str
) -> None:
    source = " ".join(p.read_text(encoding="utf-8") for p in ISSUE.glob("*.md"))
    breaks = []
    for page in PdfReader(pdfs[variant]).pages:
        lines = page.extract_text().splitlines()
        for line, following in zip(lines, lines[1:], strict=False):
            end = re.search(r"(\w+)-$", line)
            start = re.match(r"\W*(\w+)", following)
            if end and start and f"{end[1]}-{start[1]}" not in source:  # not a real hyphen
                breaks.append(f"{end[1]}-{start[1]}")
    assert breaks == []


def test_the_printers_edition_breaks_only_long_words(pdfs: dict[str, Path]) -> None:
    """Paper is not read aloud: there a long word may break, keeping 4 letters a side."""
    source = " ".join(p.read_text(encoding="utf-8") for p in ISSUE.glob("*.md"))
    text = "\n".join(page.extract_text() for page in PdfReader(pdfs["print"]).pages)
    for first, rest in re.findall(r"(\w+)-\n\W*(\w+)", text):
        if f"{first}-{rest}" not in source:
            assert len(first) >= 4 and len(rest) >= 4, f"{first}-{rest}"


@pytest.mark.parametrize("variant", VARIANTS)
def test_folios_sit_on_the_outer_edge(pdfs: dict[str, Path], variant: str) -> None:
    reader = PdfReader(pdfs[variant])
    for index in content_pages(reader):
        page = reader.pages[index]
        middle = float(page.trimbox.left) + float(page.trimbox.width) / 2
        folio = [x for x, _, _, text in fragments(page) if re.fullmatch(r"Page \d+", text.strip())]
        assert len(folio) == 1, index + 1
        even = (index + 1) % 2 == 0
        assert (folio[0] < middle) if even else (folio[0] > middle), index + 1


@pytest.mark.parametrize("variant", ("screen", "print"))
def test_small_print_is_at_least_9_pt(pdfs: dict[str, Path], variant: str) -> None:
    """Note markers, notes, captions, running heads and folios; only the words drawn
    inside the diagrams are smaller, and large print has them alongside."""
    drawings = " ".join(p.read_text(encoding="utf-8") for p in ISSUE.glob("images/*.svg"))
    reader = PdfReader(pdfs[variant])
    printed = [
        (size, text.strip()) for page in reader.pages[1:-1] for *_, size, text in fragments(page)
    ]
    assert min(size for size, text in printed if text not in drawings) == 9  # the notes
    small = {text for size, text in printed if size < 9}
    assert all(text in drawings for text in small), small
    markers = {size for page in reader.pages for _, _, size, t in fragments(page) if t == "3"}
    assert min(markers) >= 9


def test_large_print_gives_each_diagrams_words_at_16_pt(pdfs: dict[str, Path]) -> None:
    reader = PdfReader(pdfs["large-print"])
    said = [
        (size, text)
        for page in reader.pages
        for _, _, size, text in fragments(page)
        if text.startswith("In words:")
    ]
    assert said and all(size >= 16 for size, _ in said)


def figures() -> list[tuple[Path, str]]:
    """(drawing, its caption without 'Figure N: ') of each figure in the sample issue."""
    found = []
    for source in sorted(ISSUE.glob("*.md")):
        text = source.read_text(encoding="utf-8")
        for drawing, caption in re.findall(
            r"!\[[^\]]*\]\((images/[^)]+\.svg)\)\n/// caption\n(?:Figure \d+: )?(.+)\n///", text
        ):
            found.append((ISSUE / drawing, caption))
    return found


@pytest.mark.parametrize("variant", ("screen", "print"))
def test_a_drawing_does_not_repeat_the_title_and_source_its_caption_gives(
    pdfs: dict[str, Path], variant: str
) -> None:
    """A reader (and a screen reader) meets a figure's title and source once, in its
    caption: the drawing holds only its own labels."""
    printed = squash(" ".join(page.extract_text() for page in PdfReader(pdfs[variant]).pages))
    drawn_and_said = figures()
    assert len(drawn_and_said) == 2
    for drawing, caption in drawn_and_said:
        drawn = re.findall(r"<text[^>]*>([^<]+)</text>", drawing.read_text(encoding="utf-8"))
        repeated = [t for t in drawn if len(t.split()) >= 3 and squash(t) in squash(caption)]
        assert drawn and repeated == []
        source = caption.split(", ", 1)[1]  # "based on Roper, Grey and Cadogan (2018)."
        assert printed.count(squash(source)) == 1, source


def squash(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", text.lower())


# What a screen reader meets --------------------------------------------------------


def tree(pdf: Path) -> DictionaryObject:
    root = PdfReader(pdf).trailer["/Root"]["/StructTreeRoot"]["/K"]
    return (root[0] if isinstance(root, list) else root).get_object()


def kids(element: DictionaryObject) -> list[DictionaryObject]:
    found = element.get("/K", [])
    found = found if isinstance(found, list) else [found]
    objects = [k.get_object() if isinstance(k, IndirectObject) else k for k in found]
    return [k for k in objects if isinstance(k, DictionaryObject) and "/S" in k]


def walk(element: DictionaryObject, path: tuple[str, ...] = ()):
    """(element, the roles of its ancestors) for every element, in reading order."""
    for kid in kids(element):
        yield kid, path
        yield from walk(kid, (*path, str(kid["/S"])))


@pytest.mark.parametrize("variant", TAGGED)
def test_one_structure_element_per_article_and_per_table(
    pdfs: dict[str, Path], variant: str
) -> None:
    roles = [str(e["/S"]) for e, _ in walk(tree(pdfs[variant]))]
    assert roles.count("/Art") == len(articles())
    assert roles.count("/Table") == 1  # the credits' table, over two pages or not
    assert roles.count("/THead") == 1  # its header row, printed on each page, read once
    assert roles.count("/TR") == len(articles()) + 1


@pytest.mark.parametrize("variant", TAGGED)
def test_footnotes_are_notes_inside_their_article_after_their_marker(
    pdfs: dict[str, Path], variant: str
) -> None:
    document = tree(pdfs[variant])
    top = [str(e["/S"]) for e in kids(document)]
    assert "/NonStruct" not in top  # no page's footnote area at the document's top level
    notes = [(e, path) for e, path in walk(document) if e["/S"] == "/Note"]
    assert len(notes) == 7  # the seven notes of "Co-production: the new buzzword?"
    order = [str(e["/S"]) for e, _ in walk(document) if e["/S"] in ("/Note", "/Reference")]
    assert len(order) == 14 and _each_note_follows_its_marker(order)
    for _, path in notes:
        assert path[0] == "/Art"


def _each_note_follows_its_marker(order: list[str]) -> bool:
    """Markers may come in a row within one paragraph; each note follows its own."""
    markers = 0
    for role in order:
        markers += 1 if role == "/Reference" else -1
        if markers < 0:
            return False
    return markers == 0


@pytest.mark.parametrize("variant", TAGGED)
def test_the_contents_is_a_toc_with_one_link_per_entry(pdfs: dict[str, Path], variant: str) -> None:
    document = tree(pdfs[variant])
    tocs = [e for e, _ in walk(document) if e["/S"] == "/TOC"]
    assert len(tocs) == 1
    entries = [e for e in kids(tocs[0]) if e["/S"] == "/TOCI"]
    links = [e for e, _ in walk(tocs[0]) if e["/S"] == "/Link"]
    assert len(entries) == len(links) == len(articles()) + 1  # and the credits
    for entry in entries:
        assert len([e for e, _ in walk(entry) if e["/S"] == "/Link"]) == 1
    contents = PdfReader(pdfs[variant]).pages[1].extract_text()
    assert ".." not in contents  # the leaders are lines, not dots read aloud


@pytest.mark.parametrize("variant", TAGGED)
def test_links_say_where_they_go(pdfs: dict[str, Path], variant: str) -> None:
    reader = PdfReader(pdfs[variant])
    said = [
        str(a.get_object()["/Contents"])
        for page in reader.pages
        for a in page.get("/Annots", []) or []
        if a.get_object().get("/Subtype") == "/Link"
    ]
    titles = [a["title"] for a in articles()]
    for title in titles:
        assert any(s.startswith(f"Go to “{title}”, page ") for s in said), title
    assert all(re.match(r"(Go to “|Web page: |Email )", s) for s in said), said
    assert not [s for s in said if "article-" in s or "--" in s]


def underlined(pdf: Path, page_index: int, rect: list[float]) -> bool:
    """Whether a line runs under the link's whole width: a pixel row in the lower part
    of its box that is inked across at least 90% of it (letters alone leave gaps)."""
    import pypdfium2 as pdfium

    scale = 3
    page = pdfium.PdfDocument(pdf)[page_index]
    height = page.get_height()
    x1, x2 = sorted(rect[0::2])
    y1, y2 = sorted(rect[1::2])
    image = page.render(scale=scale).to_pil().convert("L")
    box = image.crop(
        (int(x1 * scale), int((height - y2) * scale), int(x2 * scale), int((height - y1) * scale))
    )
    width, rows = box.size
    pixels = box.load()
    for row in range(rows // 2, rows):
        inked = sum(1 for column in range(width) if pixels[column, row] < 200)
        if inked >= 0.9 * width:
            return True
    return False


def body_links(pdf: Path) -> list[tuple[int, list[float]]]:
    """(page index, rectangle) of each link in the articles' text (after the contents)."""
    found = []
    for index, page in enumerate(PdfReader(pdf).pages[2:-1], start=2):
        for annotation in page.get("/Annots", []) or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Link":
                found.append((index, [float(v) for v in annotation["/Rect"]]))
    return found


def test_links_are_underlined_on_screen_and_not_on_paper(pdfs: dict[str, Path]) -> None:
    on_screen = body_links(pdfs["screen"])
    assert len(on_screen) >= 3
    assert all(underlined(pdfs["screen"], index, rect) for index, rect in on_screen)
    on_paper = body_links(pdfs["print"])
    assert on_paper and not any(underlined(pdfs["print"], i, rect) for i, rect in on_paper)
