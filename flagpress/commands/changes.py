"""What changed in an article since someone approved it, as a word diff.

A sign-off stores only a fingerprint (a digest) of what was approved: enough to know
that something changed, never what. So `flagpress sign-off` also keeps what was
approved, by its digest, in the publication's cache folder (`.flagpress-cache/`, never
published nor committed), and `flagpress status` shows the words that changed since.
A kept copy is trusted only if it still has the digest it is filed under. Where no
copy was kept (the sign-off was recorded on another computer, or before this), status
says so plainly.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable
from pathlib import Path

from flagpress.load import CACHE_DIR
from flagpress.model import Article, Publication
from flagpress.sign_off import approved_content, digest, is_current_form

Content = dict[str, object]
Before = Callable[[str], Content | None]  # a sign-off's digest -> what was approved

FOLDER = Path(CACHE_DIR) / "sign-offs"
UNKNOWN = (
    "what changed cannot be shown: the sign-off keeps only a fingerprint, and the text "
    "they approved was not kept on this computer"
)
_TEXTS = {  # fields shown word by word, with the words editors use for them
    "title": "the title",
    "summary": "the summary",
    "body": "the text",
    "content_note": "the content note",
}
_OTHERS = {"authors": "the byline", "credits": "the credits"}
_CONTEXT = 3  # words shown on each side of a change
_MOST = 8  # changes shown for one field before "and N more"


def remember(root: Path, content: Content) -> None:
    """Keep what was approved, filed by its digest, for `status` to compare with later.

    Only a convenience: if the cache cannot be written, the sign-off still stands.
    """
    folder = root / FOLDER
    text = json.dumps(content, ensure_ascii=False, sort_keys=True)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{digest(content)}.json").write_text(text, encoding="utf-8")
    except OSError:
        return


def kept(root: Path) -> Before:
    """Finds what was approved under a digest, if it was kept here and is intact."""

    def before(text: str) -> Content | None:
        if not is_current_form(text):  # also keeps odd text out of the file name
            return None
        try:
            content = json.loads((root / FOLDER / f"{text}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return content if isinstance(content, dict) and digest(content) == text else None

    return before


def current(pub: Publication, article: Article) -> Content:
    """What a sign-off of the article as it is now would approve."""
    return json.loads(json.dumps(approved_content(pub, article), ensure_ascii=False))


def describe(old: Content, new: Content) -> list[str]:
    """One line per change, words removed in [-...-] and added in {+...+}."""
    lines = []
    for name, label in _TEXTS.items():
        lines += _words(label, str(old.get(name, "")), str(new.get(name, "")))
    lines += _words("the tags", _listed(old.get("tags")), _listed(new.get("tags")))
    for name, label in _OTHERS.items():
        if old.get(name) != new.get(name):
            lines.append(f"{label} changed")
    lines += _image(old.get("image"), new.get("image"))
    lines += _naming(old.get("names"), new.get("names"))
    return lines


def _listed(value: object) -> str:
    return ", ".join(str(v) for v in value) if isinstance(value, list) else ""


def _words(label: str, old: str, new: str) -> list[str]:
    before, after = old.split(), new.split()
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    hunks = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    lines = [f"changed in {label}: {_hunk(before, after, op)}" for op in hunks[:_MOST]]
    if len(hunks) > _MOST:
        lines.append(f"and {len(hunks) - _MOST} more changes in {label}")
    return lines


def _hunk(before: list[str], after: list[str], op: tuple[str, int, int, int, int]) -> str:
    _, i1, i2, j1, j2 = op
    lead = before[max(0, i1 - _CONTEXT) : i1]
    tail = before[i2 : i2 + _CONTEXT]
    removed = f"[-{' '.join(before[i1:i2])}-]" if i2 > i1 else ""
    added = f"{{+{' '.join(after[j1:j2])}+}}" if j2 > j1 else ""
    start = "..." if i1 > _CONTEXT else ""
    end = "..." if i2 + _CONTEXT < len(before) else ""
    return start + " ".join(w for w in [*lead, removed + added, *tail] if w) + end


def _image(old: object, new: object) -> list[str]:
    if old == new:
        return []
    if not isinstance(old, dict) or not isinstance(new, dict):
        return ["the image was added" if old is None else "the image was removed"]
    lines = _words("the image description", str(old.get("alt", "")), str(new.get("alt", "")))
    if old.get("src") != new.get("src"):
        lines.append("the image file changed")
    if old.get("people") != new.get("people"):
        lines.append("the people shown in the image changed")
    return lines


def _naming(old: object, new: object) -> list[str]:
    """Who is now named differently, by id only: never the names themselves (someone
    newly credited shows as a change of byline or credits)."""
    old = old if isinstance(old, dict) else {}
    new = new if isinstance(new, dict) else {}
    people = sorted(p for p in set(old) & set(new) if old[p] != new[p])
    return [f"how '{person}' is named changed" for person in people]
