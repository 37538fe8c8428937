"""The resource centre's domain: content model, licences, catalogue, the build's state.

Plain Python with no MkDocs or Jinja import (``make lint`` checks the contract
of ``pyproject.toml`` with import-linter), so that the build hooks, the
scripts and the tests share one implementation, and leaving MkDocs one day
costs only the thin adapters in ``hooks/*.py``. ARCHITECTURE.md maps it.
"""
