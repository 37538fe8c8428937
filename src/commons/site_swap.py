"""The swap of a new build for site/: at every instant, site/ is a whole site, the old one or the new one.

``scripts/build_site.py`` builds into ``.site-new``, renames it ``.site-ready``
once complete, then calls ``swap``; ``repair`` puts the folders of an
interrupted swap back in order before the next build.
"""

from __future__ import annotations

import os
import shutil
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

_DELETING_THREADS = 8  # subfolders deleted at once, each thread waiting on the disk


@dataclass(frozen=True)
class SiteFolders:
    """site/ and the folders of its swap, side by side."""

    site: Path

    @property
    def fresh(self) -> Path:  # being written by MkDocs: never complete
        return self.site.with_name(f".{self.site.name}-new")

    @property
    def ready(self) -> Path:  # a complete build, waiting to be swapped in
        return self.site.with_name(f".{self.site.name}-ready")

    @property
    def old(self) -> Path:  # the previous site, during the swap
        return self.site.with_name(f".{self.site.name}-old")

    @property
    def lock(self) -> Path:
        return self.site.with_name(f".{self.site.name}.lock")


def repair(folders: SiteFolders) -> None:
    """Put the folders of an interrupted swap back in order, never deleting the only whole site."""
    remove(folders.fresh)
    for complete in (folders.ready, folders.old):  # the newest whole site first
        if not exists(complete):
            continue
        if complete.is_symlink() or not complete.is_dir() or exists(folders.site):  # never a link's target
            remove(complete)
        else:
            complete.rename(folders.site)
            print(f"Site rétabli depuis {complete.name} après une construction interrompue.", file=sys.stderr)


def swap(folders: SiteFolders) -> None:
    """Put ``ready`` in place of site/: at every instant one of them, or ``old``, is a whole site."""
    if exists(folders.site):
        folders.site.rename(folders.old)
    folders.ready.rename(folders.site)
    remove(folders.old)


def remove(path: Path) -> None:
    """Delete ``path`` whatever it is: folder, file or link (a link's target is left alone)."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        _remove_tree(path)


def _remove_tree(folder: Path) -> None:
    """``shutil.rmtree``, the subfolders side by side.

    Deleting a site is waiting on the disk, thousands of small files at a
    time; threads wait together: 0.4 s instead of 0.9 s for the previous
    site of 2,000 resources, which the swap deletes while ``make site`` waits.
    """
    with ThreadPoolExecutor(max_workers=_DELETING_THREADS) as pool:
        for entry in os.scandir(folder):
            if entry.is_dir(follow_symlinks=False):  # never a link's target
                pool.submit(shutil.rmtree, entry.path)
    shutil.rmtree(folder)  # the files at the top, and whatever a thread left


def exists(path: Path) -> bool:
    """Whether anything stands at ``path``: a broken link counts."""
    return path.exists() or path.is_symlink()
