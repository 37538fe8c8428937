"""Content validation: every file of docs/ is checked before anything is rendered.

``commons.model.load_content`` is the one judge, shared with scripts/check.py:
the tree (no symbolic link under docs/ or overrides/, only the expected file
types and names), the vocabularies, the free pages and the resources. It runs
before MkDocs lists the files, so a link is never followed.

Events:
- ``on_pre_build``: read and check all of it; log each problem as one
  path-first French line; stop the build (exit 1, no traceback) if any is an
  error; otherwise publish the catalogue for the other hooks.
- ``on_files``: keep draft resources out of the built site (``mkdocs serve``
  still shows them, as MkDocs does for its own drafts).
"""

from __future__ import annotations

import datetime
import logging
from pathlib import Path

import current_catalogue
from commons.catalogue import Catalogue
from commons.model import load_content
from commons.problems import errors, warnings
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files, InclusionLevel

# Not get_plugin_logger: its "validation: " prefix would push the file path
# away from the start of the line. This logger is still in MkDocs' tree, so
# --strict counts its warnings.
problem_log = logging.getLogger("mkdocs.plugins.commons")


@event_priority(100)  # before any other hook reads the catalogue
def on_pre_build(*, config: MkDocsConfig) -> None:
    content = load_content(
        Path(config.docs_dir),
        Path(config.config_file_path).resolve().parent,
        publisher=config.extra["commons"]["publisher"],
        today=datetime.date.today(),
    )
    for problem in warnings(content.problems):
        problem_log.warning(str(problem))
    if found := errors(content.problems):
        for problem in found:
            problem_log.error(str(problem))
        files = len({p.path for p in found})
        raise PluginError(
            f"{len(found)} erreur(s) dans {files} fichier(s) : corrigez-les "
            "(voir les lignes ci-dessus), puis relancez la construction. Le site précédent est conservé."
        )
    current_catalogue.set_catalogue(Catalogue(tuple(content.resources), content.vocabularies))


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    for resource in current_catalogue.catalogue().resources:
        if resource.draft and (file := files.get_file_from_path(resource.src_uri)):
            file.inclusion = InclusionLevel.DRAFT
    return files
