"""Links and images of a resource's text that lead to no file of docs/, found before the build.

MkDocs finds them too, but while it renders, in English, with the page's
path from docs/ and no line, and only once every header is right. Here they
are problems like the others: path from the repository's root, line, fix,
all at once, in ``make check`` and in the preview as in the build.

Resources only: the site's own pages (``docs/index.md``, a folder's
``index.md``) link to pages the build generates (listings, indexes), which
are no files; MkDocs checks those links.

What is checked is what MkDocs checks: a relative target whose last part has
a file extension (``autre-guide.md``, ``schema.png``, ``../programmes/x.md``),
after its ``#fragment`` or ``?query`` is set aside. Addresses with a scheme
(``https:``, ``mailto:``), targets from the site's root (``/…``) and links to
folders (``../themes/``) are left to MkDocs, and so are anchors. Fenced code
and code spans hold no links.
"""

from __future__ import annotations

import posixpath
import re
import urllib.parse
from collections.abc import Iterator

from .problems import Problem

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+).+?\1")
# [text](target "title") and ![alt](target): the target, bare or in <…>.
_INLINE = re.compile(r"(!?)\[(?:[^\]\\]|\\.)*\]\(\s*(?:<([^>]*)>|([^\s)]+))")
# [label]: target, a reference used elsewhere as [text][label].
_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*(?:<([^>]*)>|(\S+))")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def broken_links(body: str, first_line: int, page: str, display: str, docs_files: frozenset[str]) -> list[Problem]:
    """The links and images of ``body`` whose file is not under docs/.

    ``page`` is the page's path under docs/ (``guides/x.md``), ``display``
    its path from the repository's root, ``first_line`` the file line of the
    body's first line, and ``docs_files`` every file under docs/, as paths
    under it.
    """
    problems: list[Problem] = []
    for line, target, is_image in _targets(body, first_line):
        resolved = _resolve(target, page)
        if resolved is None or resolved in docs_files:
            continue
        what, one, this = ("image", "une image", "l'image") if is_image else ("lien", "un lien", "le lien")
        if resolved.startswith("../"):
            message = (
                f"« {target} » sort du dossier docs/ : {one} ne peut mener qu'à un fichier du site. "
                "Vérifiez le nombre de « ../ »."
            )
        else:
            message = (
                f"« {target} » ne mène à aucun fichier (cherché : docs/{resolved}). Vérifiez le nom du fichier "
                f"(en minuscules, sans accents ni espaces) et son dossier, ou retirez {this}."
            )
        problems.append(Problem(display, line, what, message))
    return problems


def _targets(body: str, first_line: int) -> Iterator[tuple[int, str, bool]]:
    """Each link or image target of ``body`` outside code, with its file line and whether it is an image."""
    fence: str | None = None
    for number, line in enumerate(body.split("\n"), start=first_line):
        if opened := _FENCE.match(line):
            marker = opened.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = None
            continue
        if fence is not None:
            continue
        text = _CODE_SPAN.sub("", line)
        for found in _INLINE.finditer(text):
            yield number, found.group(2) if found.group(2) is not None else found.group(3), found.group(1) == "!"
        if definition := _DEFINITION.match(text):
            yield number, definition.group(1) if definition.group(1) is not None else definition.group(2), False


def _resolve(target: str, page: str) -> str | None:
    """The path under docs/ that ``target`` leads to from ``page``, or None if MkDocs leaves it unchecked."""
    if not target or _SCHEME.match(target) or target.startswith(("/", "#")):
        return None
    path = urllib.parse.unquote(re.split(r"[#?]", target, maxsplit=1)[0])
    if not posixpath.splitext(posixpath.basename(path))[1]:
        return None  # a folder, or a page's address without its .md
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
