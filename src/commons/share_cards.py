"""Share cards: the 1200 × 630 image a messaging app or a social network shows for a shared link.

Each resource gets its own card (its title, type and licence, and the site's
name), drawn with Pillow and the Liberation Sans font bundled in
``data/fonts/`` (SIL Open Font License, see ``OFL.txt``): no network, no
system font. Cards are stored in a cache folder under a name derived from
everything drawn on them, so a rebuild, or the live preview, draws only the
cards whose text changed.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
import threading
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
# Bump when the drawing changes: every cached card is then drawn again.
DRAWING_VERSION = "2"

_FONTS = "data/fonts"
_BOLD = "LiberationSans-Bold.ttf"
_REGULAR = "LiberationSans-Regular.ttf"
# The site's palette (docs/assets/stylesheets/commons.css): primary, its dark shade, the accent.
_PRIMARY = (11, 85, 99)
_PRIMARY_DARK = (7, 59, 69)
_ACCENT = (179, 64, 42)
_WHITE = (255, 255, 255)
# Cards are drawn in one 8-bit channel whose values index a palette of two
# ramps, each from a background colour to white, and the accent: antialiased
# text blends along its ramp, and the PNG holds one byte per pixel, which
# makes it three times smaller and quicker to encode than RGB.
_STEPS = 64
_BACKGROUND, _WHITE_ON_BACKGROUND = 0, _STEPS - 1
_BAND, _WHITE_ON_BAND = _STEPS, 2 * _STEPS - 1
_ACCENT_INDEX = 2 * _STEPS


def _ramp(start: tuple[int, int, int]) -> list[int]:
    return [round(c + (w - c) * i / (_STEPS - 1)) for i in range(_STEPS) for c, w in zip(start, _WHITE, strict=True)]


_PALETTE = [*_ramp(_PRIMARY), *_ramp(_PRIMARY_DARK), *_ACCENT]
_MARGIN = 80
_TITLE_SIZES = (68, 60, 52, 46)  # largest first; the first that fits in _TITLE_LINES lines wins
_TITLE_LINES = 4


@dataclass(frozen=True)
class Card:
    """Everything a card shows."""

    title: str
    kind: str  # « Guide », « Webinaire »…
    licence: str  # the licence's short name: « CC BY-SA 4.0 »
    open: bool
    site_name: str

    @property
    def licence_line(self) -> str:
        return f"{'Licence libre' if self.open else 'Licence non libre'} · {self.licence}"

    @property
    def alt(self) -> str:
        """The card's text alternative, for ``og:image:alt``."""
        return f"{self.kind} : {self.title}. {self.licence_line}. {self.site_name}."


@cache
def _font_bytes(name: str) -> bytes:
    return files(__package__).joinpath(f"{_FONTS}/{name}").read_bytes()


_thread_fonts = threading.local()


def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    # One FreeType face per thread: a face is not safe to share between threads that draw at once.
    fonts: dict[tuple[str, int], ImageFont.FreeTypeFont] = _thread_fonts.__dict__.setdefault("fonts", {})
    if (name, size) not in fonts:
        fonts[name, size] = ImageFont.truetype(io.BytesIO(_font_bytes(name)), size)
    return fonts[name, size]


def card_key(card: Card) -> str:
    """A name for the card that changes whenever anything drawn on it would."""
    digest = hashlib.sha256(json.dumps(asdict(card), ensure_ascii=False, sort_keys=True).encode("utf-8"))
    digest.update(DRAWING_VERSION.encode())
    digest.update(_fonts_digest())
    return digest.hexdigest()[:24]


@cache
def _fonts_digest() -> bytes:
    # Hashed once: a build names thousands of cards, and the fonts weigh 280 kB.
    return hashlib.sha256(b"".join(_font_bytes(name) for name in (_BOLD, _REGULAR))).digest()


@dataclass(frozen=True)
class StoredCards:
    paths: dict[Card, Path]
    drawn: int  # how many were not in the cache


def cached_cards(cards: Iterable[Card], cache_dir: Path) -> StoredCards:
    """Each card's PNG file in ``cache_dir``; only the cards not there yet are drawn.

    Drawing is mostly text rendering and PNG encoding, which Pillow does
    partly without holding the GIL: the missing cards are drawn on every core.
    """
    paths = {card: cache_dir / f"{card_key(card)}.png" for card in cards}
    missing = [card for card, path in paths.items() if not path.is_file()]
    if missing:
        cache_dir.mkdir(parents=True, exist_ok=True)
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            list(pool.map(lambda card: _store(render_card(card), paths[card]), missing))
    return StoredCards(paths, len(missing))


def _store(data: bytes, path: Path) -> None:
    # Written aside, then renamed: two builds at once never read half a card.
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    Path(temporary).replace(path)


def render_card(card: Card) -> bytes:
    """The card as PNG bytes."""
    image = _background(card.site_name).copy()
    draw = ImageDraw.Draw(image)
    kind_font = _font(_BOLD, 30)
    kind_width = draw.textlength(card.kind, font=kind_font)
    draw.rounded_rectangle((_MARGIN, 160, _MARGIN + kind_width + 40, 210), radius=10, fill=_WHITE_ON_BACKGROUND)
    draw.text((_MARGIN + 20, 166), card.kind, font=kind_font, fill=_BACKGROUND)

    size, lines = _fit_title(card.title, WIDTH - 2 * _MARGIN)
    title_font = _font(_BOLD, size)
    top = 240
    for line in lines:
        draw.text((_MARGIN, top), line, font=title_font, fill=_WHITE_ON_BACKGROUND)
        top += int(size * 1.18)

    draw.text((_MARGIN, HEIGHT - 78), card.licence_line, font=_font(_BOLD, 32), fill=_WHITE_ON_BAND)
    paletted = Image.frombytes("P", image.size, image.tobytes())
    paletted.putpalette(_PALETTE)
    buffer = io.BytesIO()
    paletted.save(buffer, format="PNG", compress_level=6)
    return buffer.getvalue()


@cache
def _background(site_name: str) -> Image.Image:
    """What every card of the site shares: colours, logo and the site's name, drawn once per build."""
    image = Image.new("L", (WIDTH, HEIGHT), _BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, HEIGHT - 110, WIDTH, HEIGHT), fill=_BAND)
    draw.rectangle((0, 0, 18, HEIGHT), fill=_ACCENT_INDEX)
    _logo(draw, (_MARGIN, 50), 22)
    draw.text((_MARGIN + 112, 76), site_name, font=_font(_REGULAR, 34), fill=_WHITE_ON_BACKGROUND)
    return image


def _fit_title(title: str, width: int) -> tuple[int, list[str]]:
    """The largest size at which ``title`` fits; at the smallest, the last line ends with « … »."""
    for size in _TITLE_SIZES:
        lines = _wrap(title, _font(_BOLD, size), width)
        if len(lines) <= _TITLE_LINES:
            return size, lines
    size = _TITLE_SIZES[-1]
    font = _font(_BOLD, size)
    lines = _wrap(title, font, width)[:_TITLE_LINES]
    words = lines[-1].split()
    while len(words) > 1 and font.getlength(" ".join(words) + " …") > width:
        words.pop()
    lines[-1] = " ".join(words) + " …"
    return size, lines


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if font.getlength(candidate) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    return [*lines, current] if current else lines


def _logo(draw: ImageDraw.ImageDraw, origin: tuple[int, int], radius: int) -> None:
    """The site's logo (docs/assets/logo.svg): three open circles, fading."""
    x, y = origin
    scale = radius / 12
    for (cx, cy), opacity in (((18, 20), 1.0), ((30, 20), 0.7), ((24, 30), 0.45)):
        left, top = x + (cx - 12) * scale, y + (cy - 12) * scale
        shade = round(_WHITE_ON_BACKGROUND * opacity)  # white at that opacity over the background
        draw.ellipse((left, top, left + 24 * scale, top + 24 * scale), outline=shade, width=5)
