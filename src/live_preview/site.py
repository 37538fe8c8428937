"""The preview's site folder: built whole once, then brought up to date page by page after each save."""

from __future__ import annotations

import dataclasses
import datetime
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from commons import build_state
from commons.catalogue import Catalogue
from commons.model import load_content
from commons.page_views import SiteViews, changed_pages, planned_pages, site_views
from commons.problems import errors
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page

NOTHING_TO_DO = "rien à refaire"


@dataclass(frozen=True)
class SourceChanges:
    added: frozenset[str]
    removed: frozenset[str]
    modified: frozenset[str]

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.modified)


def source_stamps(roots: Iterable[Path]) -> dict[str, tuple[int, int]]:
    """Every file under ``roots`` (or ``roots`` themselves, for files), with its modification time and size.

    Hidden files are left out, as MkDocs and the content checks leave them
    out: an editor's swap file (``.page.md.swp``) is no reason to rebuild.
    """
    stamps: dict[str, tuple[int, int]] = {}
    for root in roots:
        paths = [root] if root.is_file() else (p for p in root.rglob("*") if p.is_file() and not _hidden(p, root))
        for path in paths:
            stat = path.stat()
            stamps[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return stamps


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def compare_stamps(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> SourceChanges:
    return SourceChanges(
        added=frozenset(after.keys() - before.keys()),
        removed=frozenset(before.keys() - after.keys()),
        modified=frozenset(path for path in after.keys() & before.keys() if after[path] != before[path]),
    )


@dataclass
class _Built:
    """What a whole build kept: MkDocs' objects, and the catalogue's views the pages were rendered from.

    The catalogue itself is the build state's (``commons.build_state``).
    """

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: jinja2.Environment
    views: SiteViews

    @property
    def doc_files(self) -> Sequence[File]:
        return self.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)


@dataclass
class PreviewSite:
    """The preview's site folder, and how to bring it up to date after a save."""

    config_file: Path
    site_dir: Path
    problems: list[str] = field(default_factory=list)  # shown atop every page while not empty
    _built: _Built | None = None
    _stamps: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def overrides(self) -> Path:
        return self.config_file.resolve().parent / "overrides"

    @property
    def watched(self) -> list[Path]:
        """What a save in can change the site: docs/, the templates, mkdocs.yml."""
        return [self.config_file.resolve().parent / "docs", self.overrides, self.config_file.resolve()]

    def update(self) -> str:
        """Bring the site up to date with the files; say what was done, in a few words."""
        stamps = source_stamps(self.watched)
        changes = compare_stamps(self._stamps, stamps)
        self._stamps = stamps
        if self._built is None or not changes:
            return self.build_whole() if self._built is None else NOTHING_TO_DO
        docs = self._built.config.docs_dir
        edited = [Path(path) for path in changes.modified]
        if changes.added or changes.removed or not all(p.suffix == ".md" and p.is_relative_to(docs) for p in edited):
            return self.build_whole()
        return self._render_edits([p.relative_to(docs).as_posix() for p in edited])

    def build_whole(self) -> str:
        """Build everything anew, as ``mkdocs.commands.build.build`` does, keeping its objects.

        The previous site waits aside meanwhile: a build that fails leaves it
        whole, and a page whose file has a mistake keeps its last good version,
        as it does between two whole builds.
        """
        self._stamps = source_stamps(self.watched)
        self._built = None
        config = load_config(str(self.config_file), site_dir=str(self.site_dir))
        config.plugins.on_startup(command="serve", dirty=False)
        previous = self.site_dir.with_name(self.site_dir.name + "-precedent")
        shutil.rmtree(previous, ignore_errors=True)
        self.site_dir.rename(previous)
        self.site_dir.mkdir()
        try:
            self._built = _build_whole(config)
        except Exception as error:  # the preview shows any failure, never stops
            config.plugins.on_build_error(error=error)
            self.problems = failure_lines(error, config)
            shutil.rmtree(self.site_dir)
            previous.rename(self.site_dir)
            return "construction impossible"
        broken = build_state.current().preview_problems
        for src_uri in {problem.path.removeprefix("docs/") for problem in broken}:
            page = File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls).dest_uri
            if (previous / page).is_file() and not (self.site_dir / page).exists():
                (self.site_dir / page).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(previous / page, self.site_dir / page)
        shutil.rmtree(previous, ignore_errors=True)
        self.problems = [str(problem) for problem in broken]
        return "site entier reconstruit"

    def _render_edits(self, edited: list[str]) -> str:
        built = self._built
        assert built is not None
        config = built.config
        root = Path(config.config_file_path).resolve().parent
        content = load_content(
            Path(config.docs_dir),
            root,
            publisher=build_state.current().settings.publisher,
            today=datetime.date.today(),
            checks=build_state.resource_checks(),
        )
        if content.blocking:  # vocabularies only change by a .yml file, which builds everything
            return self.build_whole()
        found = errors(content.problems)
        broken = {problem.path for problem in found}
        resources = {r.src_uri: r for r in content.resources}
        before = build_state.current().catalogue.resources
        for old in before:  # a broken file keeps its last good version
            if old.src_uri not in resources and f"docs/{old.src_uri}" in broken:
                resources[old.src_uri] = old
        if resources.keys() != {r.src_uri for r in before} or any(
            resources[r.src_uri].draft != r.draft for r in before
        ):
            return self.build_whole()  # a resource appears, goes or changes inclusion
        changed: set[str] = set()  # a body shows on its own page only
        if any(resources[r.src_uri] != r for r in before):
            catalogue = Catalogue(tuple(resources[r.src_uri] for r in before), content.vocabularies)
            if (shown := self._show_catalogue(catalogue)) is None:
                return self.build_whole()  # a listing appears or empties
            changed = shown
        changed |= {src_uri for src_uri in edited if f"docs/{src_uri}" not in broken}
        pages = [f.page for f in built.doc_files if f.src_uri in changed and f.page is not None]
        if not _render(pages, built):
            return self.build_whole()  # a title in the navigation changed
        self.problems = [str(problem) for problem in found]
        return f"{len(pages)} page(s) rendue(s) à nouveau"

    def _show_catalogue(self, catalogue: Catalogue) -> set[str] | None:
        """Make ``catalogue`` the build's; the pages whose view of it changed, or ``None`` if pages come or go."""
        built = self._built
        assert built is not None
        planned = planned_pages(catalogue)
        views = site_views(catalogue, planned)
        changed = changed_pages(built.views, views)
        if changed is None:
            return None
        state = dataclasses.replace(build_state.current(), catalogue=catalogue, generated_pages=planned)
        build_state.set_current(state)
        built.views = views
        # The free pages (home, timeline, reuse…) read the catalogue in their own ways, and are few.
        fed = views.resource_pages.keys() | planned.keys()
        return changed | {file.src_uri for file in built.doc_files if file.src_uri not in fed}


def _build_whole(config: MkDocsConfig) -> _Built:
    """``mkdocs.commands.build.build`` (1.6.1) for the preview: drafts shown, nothing cleaned twice."""
    inclusion = InclusionLevel.is_in_serve
    config = config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    files = get_files(config)  # into an empty folder: PreviewSite.build_whole set the last site aside
    env = config.theme.get_env()
    files.add_files_from_theme(env, config)
    files = config.plugins.on_files(files, config=config)
    set_exclusions(files, config)
    nav = get_navigation(files, config)
    nav = config.plugins.on_nav(nav, config=config, files=files)
    for file in files.documentation_pages(inclusion=inclusion):
        if file.page is None and file.inclusion.is_not_in_nav():  # type: ignore[no-untyped-call]
            Page(None, file, config)
        assert file.page is not None
        mkdocs_build._populate_page(file.page, config, files)
    env = config.plugins.on_env(env, config=config, files=files)
    files.copy_static_files(inclusion=inclusion)
    for template in config.theme.static_templates:
        mkdocs_build._build_theme_template(template, env, files, config, nav)
    for template in config.extra_templates:
        mkdocs_build._build_extra_template(template, files, config, nav)
    state = build_state.current()
    built = _Built(config, files, nav, env, site_views(state.catalogue, state.generated_pages))
    doc_files = built.doc_files
    for file in doc_files:
        assert file.page is not None
        mkdocs_build._build_page(file.page, config, doc_files, nav, env, excluded=file.inclusion.is_excluded())  # type: ignore[no-untyped-call]
    for file in doc_files:
        assert file.page is not None
        file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
    config.plugins.on_post_build(config=config)
    return built


def _render(pages: list[Page], built: _Built) -> bool:
    """Read and render ``pages`` again; ``False`` if a title the navigation shows changed."""
    config, files, doc_files = built.config, built.files, built.doc_files
    listed = {id(page) for page in built.nav.pages}
    for page in pages:
        title = page.title
        mkdocs_build._populate_page(page, config, files)
        if id(page) in listed and page.title != title:
            return False
    for page in pages:
        excluded = page.file.inclusion.is_excluded()  # type: ignore[no-untyped-call]
        mkdocs_build._build_page(page, config, doc_files, built.nav, built.env, excluded=excluded)
        page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
    return True


def failure_lines(error: Exception, config: MkDocsConfig) -> list[str]:
    """What stopped a build, as the banner's lines: the content's errors, or the error itself."""
    content = load_content(
        Path(config.docs_dir),
        Path(config.config_file_path).resolve().parent,
        publisher="",  # says nothing of the problems
        today=datetime.date.today(),
    )
    found = [str(problem) for problem in errors(content.problems)]
    return found or [line for line in str(error).splitlines() if line.strip()] or [type(error).__name__]
