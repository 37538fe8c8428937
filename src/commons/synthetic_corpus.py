"""Synthetic corpora: N valid resources of every type, theme, programme and licence, in varied French.

For benchmarks and scale tests (``scripts/generate.py``, ``scripts/bench.py``,
the tests' project copies): the files pass the checker, and their text is
varied enough for search to have work to do. Each type's share of a corpus is
its ``weight`` in the registry of types.
"""

from __future__ import annotations

import datetime
import random
import re
import shutil
from pathlib import Path

import yaml

from .licences import licence_registry
from .resource_types import resource_folders, resource_types
from .vocabularies import load_vocabularies

SUBJECTS = (
    "la commande publique de design", "l'accueil des usagers", "la participation des habitants",
    "un événement de coopération", "les coopératives d'habitants", "la rénovation d'un lycée",
    "la gare et ses usagers", "un quartier prioritaire", "la stratégie régionale d'innovation",
    "les agents de changement", "l'assistance à maîtrise d'usage", "une petite commune rurale",
    "les services numériques", "l'expérimentation d'un guichet unique", "le compagnonnage entre pairs",
)  # fmt: skip
SENTENCES = (
    "L'équipe a d'abord passé plusieurs semaines sur le terrain, auprès des agents et des usagers.",
    "Les premiers prototypes ont été testés en conditions réelles, puis corrigés au fil des retours.",
    "La collectivité a associé le service juridique dès la rédaction du cahier des charges.",
    "Un événement de restitution a réuni les élus, les agents et les habitants concernés.",
    "Les coopératives locales ont apporté leur connaissance fine des besoins du territoire.",
    "Ce qui semblait un détail d'organisation s'est révélé décisif pour la suite du projet.",
    "La démarche a été documentée pour que d'autres administrations puissent la reprendre.",
    "Les participants ont insisté sur le temps nécessaire pour instaurer la confiance.",
    "Le comité de pilotage a accepté de revoir ses priorités après la phase d'enquête.",
    "Les enseignements ont été partagés lors d'un webinaire entre membres du réseau.",
)


# A Markdown link from a free page to a resource: [text](../guides/slug.md#anchor)
_LINK_TO_RESOURCE = re.compile(
    r"\[([^\]]+)\]\((?:\.\./)?(?:" + "|".join(map(re.escape, resource_folders())) + r")/([\w-]+)\.md[^)]*\)"
)


def copy_site_sources(source: Path, destination: Path, *, keep_resources: bool) -> Path:
    """The config, pages, hooks and templates of the repository at ``source``, copied to ``destination``.

    Without ``keep_resources`` the resource folders keep only their listing
    pages, ready for another corpus (``write_corpus``, or test fixtures).
    """
    destination.mkdir(parents=True, exist_ok=True)
    shutil.copy(source / "mkdocs.yml", destination / "mkdocs.yml")
    for folder in ("docs", "hooks", "overrides"):
        shutil.copytree(source / folder, destination / folder, ignore=shutil.ignore_patterns("__pycache__"))
    if not keep_resources:
        for folder in resource_folders():
            for path in (destination / "docs" / folder).glob("*.md"):
                if path.name != "index.md":
                    path.unlink()
    return destination


def unlink_missing_resources(docs: Path) -> None:
    """Turn links from pages to resources that ``docs`` lacks into plain text.

    Free pages link to the sample resources; a project built from another
    corpus lacks them, and a strict build would stop on the broken links.
    """
    kept = {path.stem for folder in resource_folders() for path in (docs / folder).glob("*.md")}
    for page in docs.rglob("*.md"):
        text = page.read_text("utf-8")
        page.write_text(_LINK_TO_RESOURCE.sub(lambda m: m[0] if m[2] in kept else m[1], text), "utf-8")


def write_corpus(
    docs: Path, count: int, *, vocabularies_from: Path, seed: int = 7, today: datetime.date | None = None
) -> list[Path]:
    """Write ``count`` resources into ``docs``, with the vocabularies of the docs folder ``vocabularies_from``."""
    rng = random.Random(seed)
    today = today or datetime.date.today()
    vocabularies = load_vocabularies(vocabularies_from)
    for name in ("themes.yml", "audiences.yml"):
        docs.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text((vocabularies_from / name).read_text("utf-8"), "utf-8")
    themes, audiences = list(vocabularies.themes), list(vocabularies.audiences)
    licences = list(licence_registry())
    # Each type as often as its weight in the registry: programmes are few, as in the real commons.
    kinds = [key for key, kind in resource_types().items() for _ in range(kind.weight)]
    rng.shuffle(kinds)
    planned = ["programme"] + [kinds[i % len(kinds)] for i in range(1, count)]  # never without a programme
    programme_count = max(1, planned.count("programme"))
    programmes = [f"programme-synthetique-{n:04d}" for n in range(1, programme_count + 1)]
    written: list[Path] = []
    serial = dict.fromkeys(resource_types(), 0)
    for index, kind in enumerate(planned):
        serial[kind] += 1
        subject = rng.choice(SUBJECTS)
        date = today - datetime.timedelta(days=rng.randrange(1, 15 * 365))
        slug = programmes[serial[kind] - 1] if kind == "programme" else f"{kind}-synthetique-{serial[kind]:05d}"
        front: dict[str, object] = {
            "title": f"{resource_types()[kind].label} n° {serial[kind]} sur {subject}",
            "description": f"Une ressource de démonstration sur {subject}, écrite pour mesurer le site "
            "à grande échelle.",
            "type": kind,
            "date": date,  # a date, not text: YAML then writes it unquoted, as contributors do
            "authors": [f"Autrice synthétique {rng.randrange(1, 60)}", "Rédaction du centre de ressources"],
            "licence": licences[index % len(licences)],
            "themes": rng.sample(themes, rng.randint(1, 3)),
            "audience": rng.sample(audiences, rng.randint(0, 2)),
        }
        if rng.random() < 0.3:
            front["updated"] = min(today, date + datetime.timedelta(days=rng.randrange(1, 400)))
        if kind == "programme":
            start = rng.randrange(2009, today.year + 1)
            front["period"] = {"start": start, **({"end": start + rng.randrange(0, 5)} if rng.random() < 0.7 else {})}
            front["partners"] = ["Une région partenaire", "Un réseau national"]
        else:
            front["programme"] = rng.choice(programmes) if rng.random() < 0.6 else None
        if kind == "webinaire":
            event = date - datetime.timedelta(days=rng.randrange(3, 30))
            front["event"] = {
                "date": event,
                "speakers": [{"name": "Une cheffe de projet innovation", "organisation": "Un département"}],
                "participants": rng.randrange(20, 120),
            }
        front = {key: value for key, value in front.items() if value not in (None, [])}
        body = "\n\n".join(f"## Étape {n}\n\n" + " ".join(rng.choice(SENTENCES) for _ in range(6)) for n in range(1, 5))
        path = docs / resource_types()[kind].folder / f"{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        header = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
        path.write_text(f"---\n{header}---\n\n{body}\n", "utf-8")
        written.append(path)
    return written
