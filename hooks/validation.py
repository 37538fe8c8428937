"""Content validation: every file of docs/ is checked before anything is rendered.

``commons.model.load_content`` is the one judge, shared with scripts/check.py:
the tree (no symbolic link under docs/ or overrides/, only the expected file
types and names), the vocabularies, the free pages and the resources. It runs
before MkDocs lists the files, so a link is never followed.

Under ``serve`` (``mkdocs serve``, or the live preview of ``make serve``) a
mistake must not stop the preview: MkDocs would hold every request until a
build succeeds. There, a problem that belongs to one page leaves that page
out, and the problems are kept in the build's state (``preview_problems``),
which the live preview shows at the top of every page until the file is
fixed; a problem of the tree or of the vocabularies still stops the build,
since no page is safe to build around it.

Events:
- ``on_startup``: note whether this process serves (``mkdocs serve``, or the
  live preview of ``make serve``, which counts no warning as an error: links
  to the pages left out would otherwise hold the preview again);
- ``on_pre_build``: read the site's settings from ``mkdocs.yml`` (``commons.site_settings``);
  read and check all the content; log each problem as one path-first French
  line; stop the build (exit 1, no traceback) if any is an error, but for the
  preview's exception; start the build's state (``commons.build_state``), which
  every other hook reads.
- ``on_files``: keep draft resources out of the built site (``mkdocs serve``
  still shows them, as MkDocs does for its own drafts), and in the preview
  the files that have errors;
- ``on_env``: hand the templates the site's settings (``site_settings``:
  publisher, default licence, contact, repository), for every page, the 404
  included.
"""

from __future__ import annotations

import datetime
import logging
from pathlib import Path

from commons import build_state
from commons.catalogue import Catalogue
from commons.model import load_content
from commons.problems import Problem, errors, warnings
from commons.site_settings import SiteSettingsError, site_settings
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files, InclusionLevel

# Not get_plugin_logger: its "validation: " prefix would push the file path
# away from the start of the line. This logger is still in MkDocs' tree, so
# --strict counts its warnings.
problem_log = logging.getLogger("mkdocs.plugins.commons")


def on_startup(*, command: str, dirty: bool) -> None:
    build_state.note_command(command)


@event_priority(100)  # before any other hook reads the build's state
def on_pre_build(*, config: MkDocsConfig) -> None:
    build_state.set_current(None)  # a build that stops here leaves no state of an earlier one behind
    try:
        settings = site_settings(config)
    except SiteSettingsError as error:
        for problem in error.problems:
            problem_log.error(str(problem))
        raise PluginError("mkdocs.yml : réglages incomplets ou invalides (voir les lignes ci-dessus).") from error
    content = load_content(
        Path(config.docs_dir),
        Path(config.config_file_path).resolve().parent,
        publisher=settings.publisher,
        today=datetime.date.today(),
        checks=build_state.resource_checks(),  # a file is parsed and checked once while it is unchanged
    )
    for problem in warnings(content.problems):
        problem_log.warning(str(problem))
    found = errors(content.problems)
    shown: tuple[Problem, ...] = ()
    if found and build_state.serving() and not content.blocking:
        for problem in found:
            problem_log.error(str(problem))
        problem_log.error("aperçu : ces fichiers sont laissés de côté, et la liste est en haut de chaque page.")
        shown = tuple(found)
    elif found:
        for problem in found:
            problem_log.error(str(problem))
        files = len({p.path for p in found})
        raise PluginError(
            f"{len(found)} erreur(s) dans {files} fichier(s) : corrigez-les "
            "(voir les lignes ci-dessus), puis relancez la construction. Le site précédent est conservé."
        )
    build_state.start(settings, Catalogue(tuple(content.resources), content.vocabularies), preview_problems=shown)


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    state = build_state.current()
    for resource in state.catalogue.resources:
        if resource.draft and (file := files.get_file_from_path(resource.src_uri)):
            file.inclusion = InclusionLevel.DRAFT
    if state.preview_problems:
        docs = Path(config.docs_dir).resolve()
        root = Path(config.config_file_path).resolve().parent
        broken = {(root / problem.path).resolve() for problem in state.preview_problems}
        for file in [f for f in files if f.abs_src_path and Path(f.abs_src_path).resolve() in broken]:
            if Path(file.abs_src_path or "").is_relative_to(docs):
                files.remove(file)
    return files


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["site_settings"] = build_state.current().settings
    return env
