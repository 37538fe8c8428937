"""A stranger's pull request, built for real: nothing hostile reaches site/, and the checker agrees with the build.

Hostile bodies (raw HTML, ``attr_list`` attributes), files (symbolic links out
of the repository, stray types, SVG with script, names that escape or
collide), vocabularies and front matter (alias bombs, control and
bidirectional characters, keys that are not text). Each case is judged twice,
by ``scripts/check.py`` and by ``mkdocs build --strict``, which must report
the same path-first French lines, without a traceback.
"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import BIN, FIXTURES, REPO_ROOT, Project, attr, copy_project, one, parse_html, run

CHECK = [sys.executable, str(REPO_ROOT / "scripts" / "check.py")]
# One gigabyte of address space: far more than a build of the fixtures needs,
# far less than the 16 GB an alias bomb took before anchors were refused.
MEMORY_CEILING = 1024**3
_LOG_PREFIX = re.compile(r"^(ERROR|WARNING)\s+-\s+")


def run_bounded(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return run(command, cwd, timeout=120, memory_ceiling=MEMORY_CEILING)


def problem_lines(output: str) -> list[str]:
    """The path-first problem lines of a command's output, without MkDocs' log prefix."""
    lines = [_LOG_PREFIX.sub("", line) for line in output.splitlines()]
    return [line for line in lines if line.startswith(("docs/", "overrides/"))]


def judged(project: Project) -> tuple[list[str], list[str]]:
    """The problem lines of the checker and of the strict build, each in its own order."""
    checked = run_bounded([*CHECK, "--root", str(project.root)], project.root)
    built = run_bounded(
        [str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(project.root / "site")], project.root
    )
    for result in (checked, built):
        assert result.returncode == 1, result.stdout + result.stderr
        assert "Traceback" not in result.stdout + result.stderr
    assert not (project.root / "site").exists(), "a refused contribution writes no site"
    return checked.stdout.splitlines(), problem_lines(built.stdout + built.stderr)


def assert_agree(project: Project) -> list[str]:
    checker, build = judged(project)
    assert checker, "the checker reports the problems"
    assert sorted(checker) == sorted(build), "the checker and the build are one judge"
    return checker


# ---------------------------------------------------------------------------
# Bodies: cleaned to the allow-list, and every page under a policy.


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    shutil.copytree(FIXTURES / "hostile", project.docs, dirs_exist_ok=True)
    result = project.build()
    assert result.returncode == 0, result.stderr
    return project.root / "site"


def test_no_hostile_body_reaches_any_file_of_the_site(hostile_site: Path) -> None:
    page = parse_html(hostile_site / "guides" / "corps-hostile" / "index.html")
    article = page.select_one("article")
    assert article is not None
    assert "Un paragraphe à clic." in article.get_text(), "the text itself stays"
    assert article.select("script, iframe, object, embed, form, input, base, meta, style") == []
    for element in article.find_all(True):
        assert not any(name.startswith("on") or name == "style" for name in element.attrs), element
        for name in ("href", "src"):
            address = str(element.get(name, "")).strip().lower()
            assert not address.startswith(("javascript:", "data:")), element
    assert page.select('[id="__config"]') == page.select("script#__config"), "no forged Material id"
    assert one(article, "p.encadre-perso")["class"] == ["encadre-perso"], "no forged Material or commons class"
    assert article.select(".commons-badge--non-libre") == [], "a body cannot claim a licence badge"
    assert all(not str(img.get("src", "")).startswith(("http", "//")) for img in article.select("img")), (
        "no remote image"
    )
    assert article.select_one("details[open] summary") is not None, "allowed elements survive"
    for path in hostile_site.rglob("*"):
        if path.suffix in {".html", ".xml", ".json", ".csv", ".jsonld", ".xsl"}:
            assert "charge-hostile-" not in path.read_text("utf-8"), path


def _policy(page: BeautifulSoup) -> dict[str, list[str]]:
    meta = one(page, 'head meta[http-equiv="Content-Security-Policy"]')
    directives = [d.split() for d in attr(meta, "content").split(";") if d.strip()]
    return {d[0]: d[1:] for d in directives}


def test_every_page_carries_a_policy_that_refuses_inline_script(hostile_site: Path) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 30  # every template: resources, listings (none empty), indexes, free pages, 404
    for path in pages:
        html = path.read_text("utf-8")
        page = BeautifulSoup(html, "lxml")
        policy = _policy(page)
        script_src = policy["script-src"]
        assert "'self'" in script_src and "'wasm-unsafe-eval'" in script_src, path
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src, path
        assert policy["object-src"] == ["'none'"] and policy["frame-src"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"]
        first_script = html.find("<script")
        assert html.find("Content-Security-Policy") < first_script, f"{path}: the policy precedes every script"
        for script in page.select("script:not([src])"):
            if script.get("type") in ("application/json", "application/ld+json"):
                continue
            digest = base64.b64encode(hashlib.sha256((script.string or "").encode("utf-8")).digest()).decode()
            assert f"'sha256-{digest}'" in script_src, f"{path}: an inline script of the template is allowed"


# ---------------------------------------------------------------------------
# Files: links, types, names.


def test_links_stray_types_scripted_svg_and_bad_names_are_refused(project: Project) -> None:
    outside = project.root.parent / "secret.txt"
    outside.write_text("SECRET-DE-LA-MACHINE", "utf-8")
    (project.docs / "assets" / "mot-de-passe.txt").symlink_to("/etc/passwd")
    (project.docs / "guides" / "environnement.md").symlink_to("/proc/self/environ")
    (project.docs / "dehors").symlink_to(project.root.parent, target_is_directory=True)
    (project.docs / "boucle").mkdir()
    (project.docs / "boucle" / "encore").symlink_to("..", target_is_directory=True)
    (project.root / "overrides" / "partials" / "secret.html").symlink_to(outside)
    project.write("page.html", "<script>alert(1)</script>")
    project.write("guides/Majuscule.md", "x")
    project.write("guides/majuscule.md", "x")
    project.write("guides/accentué é.md", "x")
    project.write("autres/ressource-egaree.md", "x")
    project.write("guides/aux.md", "x")
    project.write(f"guides/{'tres-' * 25}long.md", "x")
    project.write("assets/dessin.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    project.write("assets/propre.svg", '<svg xmlns="http://www.w3.org/2000/svg"><circle r="2"/></svg>')
    lines = assert_agree(project)
    expected = {
        "docs/assets/mot-de-passe.txt: lien symbolique refusé : remplacez-le par le fichier lui-même.",
        "docs/guides/environnement.md: lien symbolique refusé : remplacez-le par le fichier lui-même.",
        "docs/dehors: lien symbolique refusé : remplacez-le par le fichier lui-même.",
        "docs/boucle/encore: lien symbolique refusé : remplacez-le par le fichier lui-même.",
        "overrides/partials/secret.html: lien symbolique refusé : remplacez-le par le fichier lui-même.",
        "docs/page.html: type de fichier non publié ici : .html. Sous docs/ vont les pages Markdown, les images "
        "et les PDF (.gif, .jpeg, .jpg, .md, .pdf, .png, .svg, .webp) ; retirez ce fichier.",
        "docs/guides/Majuscule.md: nom refusé : « Majuscule.md » doit s'écrire en minuscules non accentuées, "
        "chiffres et tirets simples, sans espace ni tiret au début ou à la fin, par exemple « majuscule.md ».",
        "docs/guides/majuscule.md: « majuscule.md » et « Majuscule.md » ne diffèrent que par la casse : sous macOS "
        "et Windows, c'est un seul fichier. Gardez-en un, en minuscules.",
        "docs/guides/accentué é.md: nom refusé : « accentué é.md » doit s'écrire en minuscules non accentuées, "
        "chiffres et tirets simples, sans espace ni tiret au début ou à la fin, par exemple « accentue-e.md ».",
        "docs/autres/ressource-egaree.md: une page Markdown va à la racine de docs/ ou directement dans un dossier "
        "de ressources (docs/guides/, docs/programmes/, docs/webinaires/) : déplacez ce fichier.",
        "docs/guides/aux.md: nom refusé : « aux.md » est réservé par Windows, où ce fichier ne pourrait pas exister "
        ": choisissez-en un autre.",
        f"docs/guides/{'tres-' * 25}long.md: nom refusé : « {'tres-' * 8}… » fait 132 caractères, 100 au plus : "
        "raccourcissez-le.",
        "docs/assets/dessin.svg: image SVG refusée : élément <script> : une image ne contient ni script ni contenu "
        "externe. Retirez-le.",
    }
    assert expected <= set(lines)
    assert not any("propre.svg" in line for line in lines)
    assert not any("SECRET" in line or "root:" in line for line in lines)


# ---------------------------------------------------------------------------
# Bounded work.

ALIAS_BOMB = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]" for a, b in zip("abcdefgh", "bcdefghi", strict=True)]
)


def test_an_alias_bomb_is_refused_in_bounded_time_and_memory(project: Project) -> None:
    for where in ("guides/bombe.md", "a-propos.md"):
        project.write(where, f"---\n{ALIAS_BOMB}\ntitle: Bombe\n---\n\nTexte.\n")
    (project.docs / "themes.yml").write_text(ALIAS_BOMB + "\n", "utf-8")
    started = time.perf_counter()
    lines = assert_agree(project)
    assert time.perf_counter() - started < 60
    alias = (
        "ancre ou alias YAML (« & » ou « * ») : ils sont refusés, car quelques lignes d'alias imbriqués "
        "suffisent à épuiser la mémoire. Écrivez chaque valeur en entier."
    )
    for path, line in (("docs/guides/bombe.md", 2), ("docs/a-propos.md", 2), ("docs/themes.yml", 1)):
        assert f"{path}:{line}: {alias}" in lines


def test_sizes_and_nesting_have_limits(project: Project) -> None:
    project.write("guides/en-tete-enorme.md", "---\ntitle: " + "x" * 40_000 + "\n---\n")
    project.write("guides/corps-enorme.md", (FIXTURES / "base/guides/guide-valide.md").read_text() + "x" * 300_000)
    project.write("guides/imbrique.md", "---\ntitle: " + "[" * 40 + "]" * 40 + "\n---\n")
    lines = assert_agree(project)
    assert any(line.startswith("docs/guides/en-tete-enorme.md:1: l'en-tête fait 40") for line in lines)
    assert any(line.startswith("docs/guides/corps-enorme.md: le texte de la page fait") for line in lines)
    assert (
        "docs/guides/imbrique.md:2: l'en-tête imbrique plus de 6 niveaux de listes et de groupes de champs : "
        "aplatissez-le."
    ) in lines


# ---------------------------------------------------------------------------
# Vocabularies and text.


def test_hostile_vocabularies_are_refused_and_nothing_is_written_outside(project: Project) -> None:
    themes = project.docs / "themes.yml"
    themes.write_text(
        themes.read_text("utf-8")
        + "- slug: ../../../evasion\n  label: Évasion\n  description: Un thème qui écrit hors du site.\n"
        + "- slug: Participation\n  label: Casse\n  description: Un thème qui ne diffère que par la casse.\n",
        "utf-8",
    )
    (project.docs / "audiences.yml").unlink()
    lines = assert_agree(project)
    rule = (
        "doit s'écrire en minuscules non accentuées, chiffres et tirets simples, sans tiret au début ni à la fin "
        "(par exemple « commande-publique »)."
    )
    assert sum(line.startswith("docs/themes.yml:") and line.endswith(f"slug : {rule}") for line in lines) == 2
    assert "docs/audiences.yml: le vocabulaire manque : ce fichier doit exister et lister ses valeurs." in lines
    assert not list(project.root.parent.parent.rglob("evasion"))


@pytest.mark.parametrize(
    ("front_matter", "expected"),
    [
        (
            "title: Un titre \u202eeniloc\u202c trompeur",
            ":2: colonne 17 : caractère invisible ou de mise en forme U+202E (RIGHT-TO-LEFT OVERRIDE) interdit.",
        ),
        ("title: Un\u200bmot caché", ":2: colonne 10 : caractère invisible ou de mise en forme U+200B (ZERO WIDTH"),
        ("title: NUL \x00 ici", ":2: colonne 12 : caractère de contrôle U+0000 (NUL) interdit."),
        ("title: ESC \x1b[31m", ":2: colonne 12 : caractère de contrôle U+001B (ÉCHAPPEMENT) interdit."),
        ("title: VT \x0b ici", ":2: colonne 11 : caractère de contrôle U+000B (TABULATION VERTICALE) interdit."),
        ('title: "échappé \\u202e ici"', ":2: title : caractère invisible ou de mise en forme U+202E"),
        ("2024: x", ":2: le nom de champ « 2024 » n'est pas un simple texte"),
        ("title: !!binary aGVsbG8=", ":2: étiquette YAML « tag:yaml.org,2002:binary » refusée"),
        ('"::add-mask::secret\\nx": 1', ":2: ::add-mask::secret<U+000A>x : caractère de contrôle U+000A"),
    ],
)
def test_deceiving_text_is_refused_where_it_stands(project: Project, front_matter: str, expected: str) -> None:
    guide = (FIXTURES / "base" / "guides" / "guide-valide.md").read_text("utf-8")
    if front_matter.startswith("title:"):
        guide = re.sub(r"^title: .*$", lambda _: front_matter, guide, count=1, flags=re.MULTILINE)
    else:
        guide = guide.replace("---\n", f"---\n{front_matter}\n", 1)
    project.write("guides/texte-trompeur.md", guide)
    lines = assert_agree(project)
    assert any(line.startswith("docs/guides/texte-trompeur.md" + expected) for line in lines), lines
    assert all("\n" not in line and "\x1b" not in line and "\u202e" not in line for line in lines)


def test_free_pages_and_references_to_drafts_are_judged_too(project: Project) -> None:
    project.write("a-propos.md", "---\ntitle: [cassé\n---\n\n# À propos\n")
    project.write("accessibilite.md", "---\ntitle: Accessibilité\nlicense: CC-BY-4.0\n---\n\n# Accessibilité\n")
    programme = project.docs / "programmes" / "la-transfo.md"
    programme.write_text(programme.read_text("utf-8").replace("---\n", "---\ndraft: true\n", 1), "utf-8")
    lines = assert_agree(project)
    assert any(line.startswith("docs/a-propos.md:3: en-tête YAML illisible") for line in lines), lines
    assert any(line.startswith("docs/accessibilite.md:3: license : champ inconnu.") for line in lines), lines
    assert any(
        re.match(r"docs/(guides|webinaires)/[\w-]+\.md:\d+: programme : « la-transfo » est un brouillon", line)
        for line in lines
    ), lines


def test_github_annotations_cannot_start_a_command_of_their_own(project: Project) -> None:
    guide = (FIXTURES / "base" / "guides" / "guide-valide.md").read_text("utf-8")
    project.write("guides/annotation.md", guide.replace("---\n", '---\n"x,title=y::\\n::add-mask::z": 1\n', 1))
    result = run_bounded([*CHECK, "--root", str(project.root), "--github"], project.root)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines and all(line.startswith(("::error file=", "::warning file=")) for line in lines)
    annotation = next(line for line in lines if "annotation.md" in line)
    properties = annotation.split("::")[1]
    assert properties.startswith("error file=docs/guides/annotation.md,line=2,title=x%2Ctitle=y%3A%3A%0A%3A%3Aadd")


def test_a_path_outside_the_repository_is_named_not_a_traceback(project: Project) -> None:
    result = run_bounded([*CHECK, "--root", str(project.root), "/etc/passwd"], project.root)
    assert result.returncode == 1
    assert result.stderr.strip() == f"/etc/passwd : hors du dépôt ({project.root}), rien à vérifier."
