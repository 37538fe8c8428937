"""The live preview (``make serve``): the site built whole once, then only what each save changes.

Not a hook: the engine behind ``scripts/preview.py``, an adapter over
MkDocs like the hooks (the domain, ``commons``, knows nothing of it). ``mkdocs serve`` builds
the whole site again at every save, which takes as long as ``make site``;
this keeps the build's files, navigation and templates in memory instead, and
after a save renders again only the pages that show what changed:

- a Markdown edit that leaves the front matter's meaning as it was: that page;
- a front-matter change (a title, the themes, a date...): that page, every
  listing and resource page whose view changed (``commons.page_views``: cards,
  related resources, a programme's resources and its title) and the free
  pages (home, timeline, reuse...), which are few;
- anything else (a file added, renamed or deleted, a vocabulary, a template,
  ``mkdocs.yml``, a listing that appears or empties, a draft published):
  the whole site again, as ``mkdocs serve`` would.

Feeds, open data, share cards, the sitemap and the search index follow in
the background: a production build of the same files in another folder, whose
files other than pages are copied in when it is done (``ArtefactBuilds``), so
the page of a save never waits for them.

A mistake never holds a page: the file keeps its last good version (or, if
it never had one, is left out, as ``hooks/validation.py`` does under
``serve``), and the problems are shown atop every page as it is served,
until the fix is saved.

It drives MkDocs' own build steps (``mkdocs.commands.build``, whose private
functions are stable in the frozen 1.6 line and in its fork ProperDocs);
``PreviewSite.build_whole`` follows ``build()`` step by step, keeping what it
builds.

Modules: ``site`` (the site folder and how a save updates it), ``artefacts``
(the background build), ``server`` (MkDocs' live-reload server, told of
saves, showing problems), ``client`` (a running preview driven from outside,
by the tests and the benchmark), ``timing`` (the benchmark's save-to-page times).
"""
