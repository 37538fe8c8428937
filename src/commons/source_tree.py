"""The files of a contribution: only those a maintainer would expect, with names that cannot escape.

Everything under ``docs/`` is published as it is, and the pull-request
workflow uploads the built site as an artifact. So, before MkDocs lists a
single file:

- no symbolic link under ``docs/`` or ``overrides/`` (one could publish the
  system's password file, the build's environment, any file of the machine);
  links are never followed, so a link loop cannot make the walk endless;
- only the types of ``data/published_files.yml``, and Markdown only where a
  page belongs;
- every name matches ``^[a-z0-9]+(-[a-z0-9]+)*$`` (the project's assets may
  also use ``_``), and no two names of a folder differ only by case (they are
  one file on macOS and Windows checkouts);
- an SVG carries no script, no event handler, no external reference.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml
from lxml import etree

from .problems import Problem, display_path

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_ASSET_NAME = re.compile(r"[a-z0-9]+([-_][a-z0-9]+)*")
# Names a Windows checkout cannot create, and a length every file system takes.
_WINDOWS_DEVICES = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
)
_MAX_NAME_LENGTH = 100
_NAME_RULE = "minuscules non accentuées, chiffres et tirets simples, sans espace ni tiret au début ou à la fin"


@dataclass(frozen=True)
class PublishedFiles:
    content_suffixes: frozenset[str]
    assets_folder: str
    assets_suffixes: frozenset[str]
    root_data_files: frozenset[str]
    max_file_bytes: int


@cache
def published_files() -> PublishedFiles:
    raw: dict[str, Any] = yaml.safe_load(files(__package__).joinpath("data/published_files.yml").read_text("utf-8"))
    return PublishedFiles(
        content_suffixes=frozenset(raw["content_suffixes"]),
        assets_folder=raw["assets_folder"],
        assets_suffixes=frozenset(raw["assets_suffixes"]),
        root_data_files=frozenset(raw["root_data_files"]),
        max_file_bytes=int(raw["max_file_bytes"]),
    )


@dataclass(frozen=True)
class SourceFile:
    """A regular file of ``docs/``, relative to it with forward slashes."""

    path: Path
    relative: str


def tree_problems(
    docs_dir: Path, repo_root: Path, resource_folders: frozenset[str], other_roots: tuple[Path, ...] = ()
) -> tuple[list[SourceFile], list[Problem]]:
    """The regular files of ``docs_dir`` and every problem of the tree, links under ``other_roots`` included."""
    problems: list[Problem] = []
    found: list[SourceFile] = []
    for root in (docs_dir, *other_roots):
        if not root.is_dir():
            continue
        names_by_folder: dict[tuple[Path, str], str] = {}
        for path, mode in _walk(root):
            display = display_path(path, repo_root)
            if (other := names_by_folder.setdefault((path.parent, path.name.casefold()), path.name)) != path.name:
                problems.append(
                    Problem(
                        display,
                        None,
                        None,
                        f"« {path.name} » et « {other} » ne diffèrent que par la casse : sous macOS et Windows, "
                        "c'est un seul fichier. Gardez-en un, en minuscules.",
                    )
                )
            if stat.S_ISLNK(mode):
                problems.append(
                    Problem(display, None, None, "lien symbolique refusé : remplacez-le par le fichier lui-même.")
                )
            elif not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                problems.append(Problem(display, None, None, "ni un fichier ni un dossier : retirez-le."))
            elif root == docs_dir:
                relative = path.relative_to(docs_dir).as_posix()
                problems += _docs_entry_problems(path, relative, display, stat.S_ISDIR(mode), resource_folders)
                if stat.S_ISREG(mode):
                    found.append(SourceFile(path, relative))
    return found, problems


def _walk(root: Path) -> Iterator[tuple[Path, int]]:
    """Every entry under ``root`` with its mode, links not followed, in a stable order."""
    stack = [root]
    while stack:
        folder = stack.pop()
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                mode = entry.stat(follow_symlinks=False).st_mode
                yield Path(entry.path), mode
                if stat.S_ISDIR(mode):
                    stack.append(Path(entry.path))


def _docs_entry_problems(
    path: Path, relative: str, display: str, is_dir: bool, resource_folders: frozenset[str]
) -> list[Problem]:
    rules = published_files()
    parts = relative.split("/")
    name = parts[-1]
    if any(part.startswith(".") for part in parts):
        return []  # hidden files are never published (MkDocs leaves them out)
    in_assets = parts[0] == rules.assets_folder
    if len(parts) == 1 and name in rules.root_data_files:
        return []
    stem, suffix = (name, "") if is_dir else (Path(name).stem, Path(name).suffix)
    problems: list[Problem] = []
    pattern = _ASSET_NAME if in_assets else SLUG
    if stem in _WINDOWS_DEVICES:
        problems.append(
            Problem(
                display,
                None,
                None,
                f"nom refusé : « {name} » est réservé par Windows, où ce fichier ne pourrait pas exister : "
                "choisissez-en un autre.",
            )
        )
    elif len(name) > _MAX_NAME_LENGTH:
        problems.append(
            Problem(
                display,
                None,
                None,
                f"nom refusé : « {name[:40]}… » fait {len(name)} caractères, {_MAX_NAME_LENGTH} au plus : "
                "raccourcissez-le.",
            )
        )
    elif not pattern.fullmatch(stem) or suffix != suffix.lower():
        problems.append(
            Problem(
                display,
                None,
                None,
                f"nom refusé : « {name} » doit s'écrire en {_NAME_RULE}"
                f"{' (ou soulignés)' if in_assets else ''}, par exemple « {_suggested(stem)}{suffix.lower()} ».",
            )
        )
    if is_dir:
        return problems
    allowed = rules.content_suffixes | (rules.assets_suffixes if in_assets else frozenset())
    if suffix.lower() not in allowed:
        problems.append(
            Problem(
                display,
                None,
                None,
                f"type de fichier non publié ici : {suffix or 'sans extension'}. Sous docs/ vont les pages "
                f"Markdown, les images et les PDF ({', '.join(sorted(rules.content_suffixes))}) ; retirez ce fichier.",
            )
        )
    elif suffix.lower() == ".md" and not (len(parts) == 1 or (len(parts) == 2 and parts[0] in resource_folders)):
        folders = ", ".join(f"docs/{folder}/" for folder in sorted(resource_folders))
        problems.append(
            Problem(
                display,
                None,
                None,
                f"une page Markdown va à la racine de docs/ ou directement dans un dossier de ressources "
                f"({folders}) : déplacez ce fichier.",
            )
        )
    elif path.stat().st_size > rules.max_file_bytes:
        problems.append(
            Problem(
                display,
                None,
                None,
                f"fichier trop lourd ({path.stat().st_size} octets, {rules.max_file_bytes} au plus) : allégez-le.",
            )
        )
    elif suffix.lower() == ".svg" and (reason := svg_refusal(path.read_bytes())):
        problems.append(Problem(display, None, None, f"image SVG refusée : {reason}"))
    return problems


def _suggested(stem: str) -> str:
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_stem)) or "mon-fichier"


# What an SVG published as an image may not hold: it would run, or load from elsewhere,
# when the file is opened on its own (an <img> would not run it, a link to it would).
_SVG_FORBIDDEN_ELEMENTS = frozenset({"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"})


def svg_refusal(raw: bytes) -> str | None:
    """Why an SVG file is refused, in French, or ``None`` when it is only a drawing."""
    if b"<!DOCTYPE" in raw.upper() or b"<!ENTITY" in raw.upper():
        return "déclaration DOCTYPE ou ENTITY : enregistrez l'image sans (option « SVG simple » de l'éditeur)."
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as error:
        return f"le fichier n'est pas un XML lisible ({error}) : réenregistrez-le depuis un éditeur d'images."
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        local = etree.QName(element).localname.lower()
        if local in _SVG_FORBIDDEN_ELEMENTS:
            return f"élément <{local}> : une image ne contient ni script ni contenu externe. Retirez-le."
        if local == "style" and (b"@import" in etree.tostring(element) or b"url(" in etree.tostring(element)):
            return "feuille de style qui charge une ressource (@import ou url()) : retirez-la."
        for attribute, value in element.attrib.items():
            name = etree.QName(attribute).localname.lower()
            if name.startswith("on"):
                return f"attribut {name} : une image ne réagit pas aux événements par du script. Retirez-le."
            if name == "href" and not value.strip().startswith("#"):
                return f"lien « {value[:60]} » vers l'extérieur de l'image : gardez seulement des liens internes (#…)."
            if name == "attributename" and value.lower().endswith("href"):
                return "animation d'un lien (attributeName=href) : retirez-la."
            if "url(" in value and "url(#" not in value.replace(" ", ""):
                return f"attribut {name} qui charge une ressource externe : retirez-le."
    return None
