"""Front matter written the way contributors write it, and YAML values on one line.

The writing side of ``front_matter``: dates stay text (as ``bounded_yaml``
reads them), lists are indented under their key, and double quotes are used
where quotes are needed. The scaffolder writes new files with it; the
contributor guide and the checker's examples print values with ``yaml_inline``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import yaml

from .bounded_yaml import without_timestamps


class _FrontMatterDumper(yaml.SafeDumper):
    """Block lists indented under their key, dates without quotes, and double
    quotes where quotes are needed (« "L'été : bilan" » reads better than
    « 'L''été : bilan' »)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def choose_scalar_style(self) -> str:
        style: str = super().choose_scalar_style()
        return '"' if style == "'" else style


# Dates are text in this project's front matter (see commons.front_matter):
# without the timestamp resolver, "2025-03-20" needs no quotes.
_FrontMatterDumper.yaml_implicit_resolvers = without_timestamps(yaml.SafeDumper.yaml_implicit_resolvers)


def front_matter_text(data: dict[str, Any], order: Sequence[str]) -> str:
    """``data`` as a front matter block, fields in ``order`` (the schema's), unknown ones last."""
    ordered = {key: data[key] for key in sorted(data, key=lambda k: order.index(k) if k in order else len(order))}
    body = yaml.dump(
        ordered,
        Dumper=_FrontMatterDumper,
        sort_keys=False,
        allow_unicode=True,
        width=math.inf,
        default_flow_style=False,
    )
    return f"---\n{body}---\n"


def yaml_inline(value: object) -> str:
    """``value`` as YAML on one line, the way it is written after « field: »."""
    text = yaml.dump(
        value, Dumper=_FrontMatterDumper, default_flow_style=True, allow_unicode=True, width=math.inf, sort_keys=False
    )
    return text.removesuffix("\n").removesuffix("\n...").strip()
