"""The resource centre's domain: content model, licences, catalogue.

Plain Python with no MkDocs import, so that the build hooks, the scripts and
the tests share one implementation, and leaving MkDocs one day costs only the
thin adapters in ``hooks/*.py``.
"""
