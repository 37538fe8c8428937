"""Content-Security-Policy: every page refuses scripts that are not the site's own.

``overrides/partials/content_security_policy.html`` writes the policy into
each page's ``<head>``, before any script, with a marker where the hashes
of the template's inline scripts go; they are only known once the page is
rendered, so this module puts them in.

Under ``mkdocs serve`` (the build's state says so), the live-reload script
(added to each page as it is served, different at every request) cannot be
hashed: the preview's policy allows inline scripts instead.

Events:
- ``on_env``: hand the templates the marker.
- ``on_post_page`` (before the hooks that touch the page's text): replace
  the marker by the hashes of the page's inline scripts, its body left out;
  stop the build if a page has no policy.
- ``on_post_template``: the same for static HTML templates (the 404 page).
"""

from __future__ import annotations

from commons import build_state
from commons.script_hashes import with_script_hashes
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

# Not a valid CSP source: a page whose marker was left in place would refuse every inline script.
SCRIPT_HASHES_MARKER = "'commons-inline-script-hashes'"


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["csp_script_hashes_marker"] = SCRIPT_HASHES_MARKER
    return env


@event_priority(100)
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    secured = with_script_hashes(output, SCRIPT_HASHES_MARKER, leave_out=page.content or "", live_reload=_live())
    if secured is None:
        raise PluginError(
            f"docs/{page.file.src_uri} : la page n'a pas de politique de sécurité (Content-Security-Policy) ; "
            "son gabarit doit étendre overrides/main.html."
        )
    return secured


@event_priority(100)
def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    if not template_name.endswith(".html"):
        return output_content
    if (secured := with_script_hashes(output_content, SCRIPT_HASHES_MARKER, live_reload=_live())) is None:
        raise PluginError(f"overrides/{template_name} : ce gabarit n'a pas de politique de sécurité.")
    return secured


def _live() -> bool:
    return build_state.current().serving
