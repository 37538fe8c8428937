"""The scaffolder (scripts/new.py, over commons.scaffold): clean slugs, valid files for every type, refusals.

The command line runs for real, its questions answered on its standard input.
"""

from __future__ import annotations

import datetime
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from commons import scaffold
from commons.front_matter import read_front_matter
from commons.front_matter_writer import front_matter_text
from commons.model import load_content
from commons.resource_types import resource_types
from commons.schema import resource_schema
from commons.site_config import read_site_config

from tests.conftest import FIXTURES, REPO_ROOT

DESCRIPTION = "Une ressource créée par le générateur, pour vérifier qu'elle passe la validation du site."


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A repository root whose docs/ holds the valid fixture resources and vocabularies."""
    shutil.copytree(FIXTURES / "base", tmp_path / "docs")
    shutil.copy(REPO_ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def flags(root: Path, kind: str, title: str, *extra: str) -> list[str]:
    return [
        "--root", str(root), "--no-input", "--type", kind, "--title", title, "--description", DESCRIPTION,
        "--author", "Rédaction des tests", "--licence", "CC-BY-4.0", "--theme", "participation", *extra,
    ]  # fmt: skip


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str


def new(argv: list[str], answers: tuple[str, ...] = ()) -> Ran:
    """``scripts/new.py argv``, answering its questions in turn; after the last answer, its input ends."""
    result = subprocess.run(
        [sys.executable, str(REPO_ROOT / "scripts" / "new.py"), *argv],
        input="".join(f"{answer}\n" for answer in answers),
        capture_output=True,
        text=True,
        check=False,
    )
    return Ran(result.returncode, result.stdout, result.stderr)


def problems_of(root: Path, display: str) -> list[str]:
    content = load_content(root / "docs", root, publisher="Éditeur", today=datetime.date.today())
    return [str(p) for p in content.problems if p.path == display]


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("L'été des communs", "l-ete-des-communs"),
        ("Pratiquer l’assistance à maîtrise d’usage", "pratiquer-l-assistance-a-maitrise-d-usage"),
        ("Œuvres & données : bilan 2025 !", "oeuvres-donnees-bilan-2025"),
        ("  Ça   marche ?? ", "ca-marche"),
        ("ÉLUES ET ÉLUS", "elues-et-elus"),
        ("« Guillemets » — tiret cadratin", "guillemets-tiret-cadratin"),
        ("Naïve cœur, Straße", "naive-coeur-strasse"),
        ("Territoires en Résidence (2011-2014)", "territoires-en-residence-2011-2014"),
        ("???", ""),
    ],
)
def test_titles_fold_into_clean_slugs(title: str, slug: str) -> None:
    assert scaffold.slugify(title) == slug
    assert scaffold.slugify(slug) == slug, "a slug is its own slug"


def test_long_titles_are_cut_at_a_word() -> None:
    title = "Une très longue histoire " * 8
    slug = scaffold.slugify(title)
    assert len(slug) <= scaffold.SLUG_MAX_LENGTH
    assert slug.startswith("une-tres-longue-histoire-une")
    assert not slug.endswith("-")
    assert scaffold.slugify(title).split("-")[-1] in {"une", "tres", "longue", "histoire"}


def test_required_fields_come_from_the_schema() -> None:
    assert scaffold.required_fields("guide") == ["title", "description", "type", "date", "authors", "licence", "themes"]
    assert scaffold.required_fields("webinaire")[-1] == "event"
    assert scaffold.required_fields("programme")[-1] == "period"


def test_front_matter_reads_back_as_written() -> None:
    data = {
        "title": "Achat public : mode d'emploi",
        "description": 'Un « résumé » avec des "guillemets", un deux-points : et un dièse # pour voir.',
        "type": "guide",
        "date": "2025-03-20",
        "authors": ["La 27e Région", "Équipe: test"],
        "licence": "CC-BY-SA-4.0",
        "themes": ["participation"],
    }
    text = front_matter_text(data, list(resource_schema()["properties"]))
    front, problems = read_front_matter(text.encode("utf-8"), "x.md")
    assert problems == [] and front is not None
    assert front.data == data
    assert "\ndate: 2025-03-20\n" in text, "dates are written without quotes"
    assert '\ntitle: "Achat public : mode d\'emploi"\n' in text
    assert "\nauthors:\n  - La 27e Région\n" in text


@pytest.mark.parametrize("kind", list(resource_types()))
def test_every_type_gets_a_valid_file_in_its_folder(root: Path, kind: str) -> None:
    ran = new(flags(root, kind, f"Un {kind} tout neuf : essai n° 1"))
    assert ran.code == 0, ran.err
    folder = resource_types()[kind].folder
    display = f"docs/{folder}/un-{kind}-tout-neuf-essai-n-1.md"
    assert (root / display).is_file()
    assert problems_of(root, display) == []
    content = load_content(root / "docs", root, publisher="Éditeur", today=datetime.date.today())
    resource = next(r for r in content.resources if r.src_uri == display.removeprefix("docs/"))
    assert resource.type.key == kind
    assert resource.title == f"Un {kind} tout neuf : essai n° 1"
    assert resource.licence.spdx == "CC-BY-4.0"
    assert resource.date == datetime.date.today()
    out = ran.out
    assert f"Ressource créée : {display}" in out
    # mkdocs serve serves the site under site_url's sub-path, as GitHub Pages does.
    sub_path = urlsplit(read_site_config(root / "mkdocs.yml")["site_url"]).path
    assert sub_path.startswith("/") and sub_path != "/"
    assert f"http://127.0.0.1:8000{sub_path}{folder}/un-{kind}-tout-neuf-essai-n-1/" in out


def test_type_specific_fields_take_their_flags(root: Path) -> None:
    assert (
        new(flags(root, "webinaire", "Un webinaire daté", "--date", "2024-06-01", "--event-date", "2024-05-14")).code
        == 0
    )
    assert new(flags(root, "programme", "Un programme ancien", "--date", "2024-06-01", "--start", "2011")).code == 0
    content = load_content(root / "docs", root, publisher="Éditeur", today=datetime.date.today())
    by_slug = {r.slug: r for r in content.resources}
    webinar, programme = by_slug["un-webinaire-date"], by_slug["un-programme-ancien"]
    assert webinar.event is not None and webinar.event.date == datetime.date(2024, 5, 14)
    assert programme.period is not None and (programme.period.start, programme.period.end) == (2011, None)


def test_an_existing_slug_is_refused_in_any_folder(root: Path) -> None:
    before = (root / "docs/guides/guide-valide.md").read_bytes()
    runs = [new(flags(root, "guide", "Guide valide")), new(flags(root, "programme", "Guide : valide !"))]
    assert [ran.code for ran in runs] == [1, 1]
    err = "".join(ran.err for ran in runs)
    assert err.count("docs/guides/guide-valide.md existe déjà : deux ressources ne peuvent pas avoir le même nom.") == 2
    assert (root / "docs/guides/guide-valide.md").read_bytes() == before
    assert not (root / "docs/programmes/guide-valide.md").exists()


def test_an_unusable_slug_is_refused(root: Path) -> None:
    runs = [new(flags(root, "guide", "Titre correct", "--slug", slug)) for slug in ("Mon Titre", "index")]
    assert [ran.code for ran in runs] == [1, 1]
    err = "".join(ran.err for ran in runs)
    assert "« Mon Titre » n'est pas un nom de fichier propre : essayez « mon-titre »." in err
    assert "« index » est réservé aux pages de liste" in err
    assert list((root / "docs/guides").glob("*titre*")) == []


def test_wrong_flags_get_the_checker_messages(root: Path) -> None:
    ran = new(flags(root, "guid", "Oups", "--licence", "LO-2.0", "--date", "2025-02-30"))
    assert ran.code == 2
    err = ran.err.splitlines()
    assert "✗ type : « guid » n'est pas un type de ressource connu. Vouliez-vous dire « guide » ? " in err[0]
    assert "✗ title : trop court : 4 caractères, il en faut au moins 5." in err
    assert any(
        "licence : « LO-2.0 » n'est pas un identifiant SPDX connu. Vouliez-vous dire « etalab-2.0 » ?" in e for e in err
    )
    assert "✗ date : « 2025-02-30 » n'existe pas dans le calendrier : vérifiez le jour et le mois." in err
    assert not list((root / "docs").rglob("oups.md"))


def test_without_input_missing_flags_are_named(root: Path) -> None:
    ran = new(["--root", str(root), "--no-input", "--type", "guide", "--title", "Un titre"])
    assert ran.code == 2
    assert "Il manque --description, --author, --licence, --theme" in ran.err


def test_questions_are_asked_until_each_answer_is_valid(root: Path) -> None:
    answers = (
        "4",  # type: programme, by its number
        "Non",  # title too short
        "Territoires en résidence : la suite",
        "Trop court.",  # description too short
        DESCRIPTION,
        "La 27e Région, Rédaction des tests",
        "cc-by-sa",  # a known misspelling
        "",  # the default licence
        "residence",  # not a theme
        "6, experimentation",  # a number and a slug
        "",  # no audience
        "deux mille onze",  # not a year
        "2011",
    )
    ran = new(["--root", str(root), "--date", "2024-06-01"], answers)
    assert ran.code == 0, ran.err
    out = ran.out
    assert "  ✗ title : trop court : 3 caractères, il en faut au moins 5." in out
    assert "  ✗ description : trop court : 11 caractères, il en faut au moins 50." in out
    assert "  ✗ licence : « cc-by-sa » n'est pas un identifiant SPDX connu. Vouliez-vous dire « CC-BY-SA-4.0 » ?" in out
    assert (
        "  ✗ themes[1] : « residence » n'est pas un thème du vocabulaire (docs/themes.yml). "
        "Vouliez-vous dire « residences » ?" in out
    )
    assert "  ✗ period.start : doit être un nombre entier, pas le texte « deux mille onze »." in out
    assert "Votre choix (numéro ou identifiant) [CC-BY-SA-4.0] : " in out, "the site's default licence is proposed"
    display = "docs/programmes/territoires-en-residence-la-suite.md"
    assert problems_of(root, display) == []
    front, _ = read_front_matter((root / display).read_bytes(), display)
    assert front is not None
    assert front.data["authors"] == ["La 27e Région", "Rédaction des tests"]
    assert front.data["licence"] == "CC-BY-SA-4.0"
    assert front.data["themes"] == ["residences", "experimentation"]
    assert front.data["period"] == {"start": 2011}
    assert "audience" not in front.data


def test_a_taken_slug_is_asked_again(root: Path) -> None:
    before = (root / "docs/guides/guide-valide.md").read_bytes()
    argv = [a for a in flags(root, "guide", "Guide valide") if a not in ("--no-input", "--theme", "participation")]
    answers = ("guide-valide", "un-autre-nom", "participation", "")  # two names, then the themes and audience
    ran = new(argv, answers)
    assert ran.code == 0, ran.err
    out = ran.out
    assert out.count("docs/guides/guide-valide.md existe déjà") == 2
    assert problems_of(root, "docs/guides/un-autre-nom.md") == []
    assert (root / "docs/guides/guide-valide.md").read_bytes() == before


def test_an_interrupted_interview_writes_nothing(root: Path) -> None:
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    ran = new(["--root", str(root)], ("1", "Un titre interrompu"))  # then the input ends
    assert ran.code == 1
    assert "Saisie interrompue : aucun fichier n'a été écrit." in ran.err
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before
