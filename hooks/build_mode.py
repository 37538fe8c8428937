"""Whether this process is ``mkdocs serve``: state that outlives the hook modules.

Not a hook itself. MkDocs reloads the hook modules with the configuration at
every rebuild of ``mkdocs serve``, and sends ``on_startup`` (which says the
command) only to the first of them; ``validation.py`` records it here, in a
plain module that stays imported for the whole process.
"""

from __future__ import annotations

serving = False  # set once by validation.py's on_startup
