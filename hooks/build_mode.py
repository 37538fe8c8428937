"""Whether this process is ``mkdocs serve`` or the live preview, and what its last build left out.

Not a hook itself. MkDocs reloads the hook modules with the configuration at
every rebuild of ``mkdocs serve``, and sends ``on_startup`` (which says the
command) only to the first of them; ``validation.py`` records it here, in a
plain module that stays imported for the whole process. The live preview
(``live_preview.py``) reads ``problems`` to show them atop every page.
"""

from __future__ import annotations

serving = False  # set once by validation.py's on_startup
problems: list[str] = []  # the last build's errors, when serving: set by validation.py's on_pre_build
