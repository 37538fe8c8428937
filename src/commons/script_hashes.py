"""The inline scripts of a page's template, as Content-Security-Policy hashes.

GitHub Pages sets no headers, so each page carries its policy in a
``<meta http-equiv>``. Material writes a few small inline scripts (its
storage helpers, whose text changes with the page's depth, and an anchor
fix); the policy allows exactly those, by the SHA-256 of their text, and no
other inline script. The page's own body is left out of the search: it has
been cleaned of every script already, and a hash must never vouch for
something a contributor wrote.
"""

from __future__ import annotations

import base64
import hashlib
import re

# How browsers find the end of a script: the first "</script", whatever precedes it.
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
# Types a browser runs; JSON and JSON-LD data blocks are never run, and need no hash.
_EXECUTABLE_TYPES = frozenset({"", "text/javascript", "application/javascript", "module"})


def inline_script_hashes(html: str, *, leave_out: str = "") -> list[str]:
    """The CSP sources (``'sha256-…'``) of every inline script of ``html``, in order, once each.

    ``leave_out`` (the page's body) is cut out before the search.
    """
    if leave_out:
        html = html.replace(leave_out, "")
    sources: list[str] = []
    for match in _SCRIPT.finditer(html):
        attributes, text = match.group(1), match.group(2)
        kind = _TYPE.search(attributes)
        if _SRC.search(attributes) or (kind.group(1).lower() if kind else "") not in _EXECUTABLE_TYPES:
            continue
        digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
        if (source := f"'sha256-{digest}'") not in sources:
            sources.append(source)
    return sources


def with_script_hashes(html: str, marker: str, *, leave_out: str = "") -> str | None:
    """``html`` with its policy's ``marker`` replaced by the hashes, or ``None`` if it has no policy."""
    if marker not in html:
        return None
    return html.replace(marker, " ".join(inline_script_hashes(html, leave_out=leave_out)), 1)
