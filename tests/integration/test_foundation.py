"""The foundation on real builds: checker CLI, strict build, atomic site, resource pages."""

from __future__ import annotations

import datetime
import re
import shutil
import sys
from pathlib import Path

from commons.dates import french_date
from commons.model import load_content

from tests.conftest import FIXTURES, REPO_ROOT, Project, as_typed, attr, parse_html, run

INVALID_CASES = sorted((FIXTURES / "invalid").glob("*/*.md"))
CHECK = [sys.executable, str(REPO_ROOT / "scripts" / "check.py")]


def add_invalid_cases(project: Project) -> list[str]:
    """Put every bad fixture into the project; return the messages expected."""
    for case in INVALID_CASES:
        shutil.copy(case, project.docs / case.parent.name / case.name)
    lines: list[str] = []
    for case in INVALID_CASES:
        lines += case.with_suffix(".expected").read_text("utf-8").splitlines()
    return [without_programme_list(line) for line in lines]


def without_programme_list(line: str) -> str:
    """The programmes allowed grow with the bad programme fixtures added here;
    the unit tests pin that list exactly, one case at a time."""
    return re.sub(r"(programme : .*) \(valeurs permises : [^)]*\)$", r"\1", line)


def test_the_checker_passes_on_the_repository() -> None:
    result = run(CHECK, cwd=REPO_ROOT)
    assert result.returncode == 0, result.stdout
    assert "aucune erreur" in result.stderr


def test_the_checker_reports_every_problem_at_once(project: Project) -> None:
    expected = add_invalid_cases(project)
    result = run([*CHECK, "--root", str(project.root)], cwd=project.root)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert sorted(map(without_programme_list, result.stdout.splitlines())) == sorted(expected)


def test_the_checker_can_report_only_named_files_as_github_annotations(project: Project) -> None:
    add_invalid_cases(project)
    result = run([*CHECK, "--root", str(project.root), "--github", "docs/guides/licence-inconnue.md"], cwd=project.root)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=docs/guides/licence-inconnue.md,line=7,title=licence::docs/guides/licence-inconnue.md:7: "
        "licence : « CC-BY-SA » n'est pas un identifiant SPDX connu. Vouliez-vous dire « CC-BY-SA-4.0 » ? "
        "(valeurs permises : CC-BY-4.0, CC-BY-SA-4.0, CC0-1.0, etalab-2.0, ODbL-1.0, CC-BY-NC-SA-4.0, CC-BY-ND-4.0)"
    ]


def test_the_build_stops_on_every_problem_without_traceback(project: Project) -> None:
    expected = add_invalid_cases(project)
    result = project.build()
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    reported = [without_programme_list(re.sub(r"^ERROR\s+-\s+", "", line)) for line in output.splitlines()]
    assert set(expected) <= set(reported)
    assert "Le site précédent est conservé" in output


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_failed_build_leaves_the_previous_site_whole(project: Project) -> None:
    build_site = [sys.executable, str(REPO_ROOT / "scripts" / "build_site.py"), "--config", "mkdocs.yml"]
    assert run(build_site, cwd=project.root).returncode == 0
    site = project.root / "site"
    before = snapshot(site)
    assert "index.html" in before

    add_invalid_cases(project)  # a contributor's mistake, caught before rendering
    failed = run(build_site, cwd=project.root)
    assert failed.returncode == 1
    assert "La construction a échoué : le site précédent est intact" in failed.stderr
    assert snapshot(site) == before

    for case in INVALID_CASES:
        (project.docs / case.parent.name / case.name).unlink()
    overrides = project.root / "overrides"
    breakages = {
        # fails on the first resource page
        overrides / "partials" / "resource_facts.html": "{{ resource.no_such_field.title }}",
        # fails on the first listing page, once every resource page is written and Pagefind runs
        overrides / "listing.html": "{{ listing.no_such_field.title }}",
    }
    for template, broken in breakages.items():
        working = template.read_text("utf-8")
        template.write_text(broken, "utf-8")
        failed = run(build_site, cwd=project.root)
        template.write_text(working, "utf-8")
        assert failed.returncode == 1, template.name
        assert "no_such_field" in failed.stderr
        assert snapshot(site) == before
        assert not (project.root / ".site-new").exists()


def test_resource_pages_show_their_front_matter(built_site: Path) -> None:
    content = load_content(REPO_ROOT / "docs", REPO_ROOT, publisher="La 27e Région", today=datetime.date.today())
    assert len(content.resources) >= 8
    for resource in content.resources:
        page = parse_html(built_site / resource.url / "index.html")
        assert page.h1 is not None and as_typed(page.h1.get_text(strip=True)) == resource.title
        kicker = page.select_one(".commons-kicker")
        assert kicker is not None and resource.type.label in kicker.get_text(), resource.src_uri
        facts = page.select_one("dl.commons-facts")
        assert facts is not None, resource.src_uri
        text = as_typed(facts.get_text(" ", strip=True))
        assert french_date(resource.date) in text
        assert all(author in text for author in resource.authors)
        assert all(content.vocabularies.themes[slug].label in text for slug in resource.themes)
        if resource.programme:
            link = facts.select_one('a[href*="programmes/"]')
            assert link is not None
            target = (built_site / resource.url / attr(link, "href")).resolve() / "index.html"
            assert target.is_file(), f"{resource.src_uri}: programme link {link['href']} is broken"


def test_every_type_has_at_least_two_sample_resources() -> None:
    content = load_content(REPO_ROOT / "docs", REPO_ROOT, publisher="La 27e Région", today=datetime.date.today())
    for kind in ("guide", "anti-manuel", "webinaire", "programme"):
        assert sum(r.type.key == kind for r in content.resources) >= 2, kind


def test_the_navigation_holds_sections_not_resources(built_site: Path) -> None:
    home = parse_html(built_site / "index.html")
    nav_links = [attr(a, "href") for a in home.select("nav.md-nav--primary a[href]")]
    assert "guides/" in nav_links
    resource_folders = ("guides/", "webinaires/", "programmes/")
    assert not [h for h in nav_links if h.startswith(resource_folders) and h not in resource_folders]


def test_pages_are_french_private_and_editable(built_site: Path) -> None:
    for path in built_site.rglob("*.html"):
        page = parse_html(path)
        if page.html is None or "md-content" not in path.read_text("utf-8"):
            continue  # redirect stubs and the like
        assert page.html["lang"] == "fr", path
        loaded = 'link[rel~="stylesheet"], link[rel~="icon"], link[rel~="preload"], link[rel~="manifest"]'
        for tag in page.select(f"{loaded}, script[src], img[src], iframe[src], source[src]"):
            address = tag.get("href") or tag.get("src")
            assert not str(address).startswith(("http:", "https:", "//")), f"{path}: third-party {address}"
        folder = path.parent.relative_to(built_site)
        sources = [REPO_ROOT / "docs" / folder / "index.md", (REPO_ROOT / "docs" / folder).with_suffix(".md")]
        edit = page.select_one('a[rel="edit"]')
        if path.name != "index.html":
            continue  # the 404 page
        if any(source.is_file() for source in sources):  # generated pages have nothing to edit
            assert edit is not None and attr(edit, "href").startswith("https://github.com/"), path
        else:
            assert edit is None, path


def test_drafts_are_left_out_of_the_built_site(project: Project) -> None:
    guide = (FIXTURES / "base" / "guides" / "guide-valide.md").read_text("utf-8")
    guide = guide.replace("programme: la-transfo\n", "").replace("hide: [toc]", "draft: true")
    project.write("guides/brouillon.md", guide)
    result = project.build()
    assert result.returncode == 0, result.stderr
    assert not (project.root / "site" / "guides" / "brouillon").exists()


def test_quoted_dates_build_like_plain_ones(project: Project) -> None:
    guide = (FIXTURES / "base" / "guides" / "guide-valide.md").read_text("utf-8")
    guide = guide.replace("date: 2024-03-01", 'date: "2024-03-01"')
    guide = guide.replace("updated: 2024-06-02", "updated: '2024-06-02'")
    project.write("guides/guide-valide.md", guide)
    result = project.build()
    assert result.returncode == 0, result.stderr
    page = parse_html(project.root / "site" / "guides" / "guide-valide" / "index.html")
    assert page.select_one('.commons-facts time[datetime="2024-03-01"]') is not None


def test_a_config_file_named_relatively_still_gives_repository_paths(project: Project) -> None:
    shutil.copy(FIXTURES / "invalid" / "guides" / "licence-inconnue.md", project.docs / "guides")
    result = project.build("--config-file", "mkdocs.yml")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "docs/guides/licence-inconnue.md:7: licence : « CC-BY-SA »" in result.stderr
