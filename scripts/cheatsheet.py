"""Write the generated parts of CONTRIBUTING.md, so they never drift from the rules.

Two parts, each between its marker comments:
- the front-matter reference: fields, types, licences, themes and audiences,
  read from src/commons/data/ (schema, licence registry, types) and from
  docs/themes.yml and docs/audiences.yml;
- the checker's messages on a few headers with mistakes, obtained by running
  scripts/check.py on them, so the guide quotes what contributors will see.

    python scripts/cheatsheet.py           # rewrite CONTRIBUTING.md
    python scripts/cheatsheet.py --check   # exit 1 if CONTRIBUTING.md has drifted
"""

from __future__ import annotations

import argparse
import difflib
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from commons.front_matter_writer import front_matter_text, yaml_inline
from commons.licences import Licence, licence_registry
from commons.resource_types import programme_folder, resource_types
from commons.scaffold import conditional_requirements, required_fields
from commons.schema import resource_schema
from commons.vocabularies import Term, load_vocabularies

REPO_ROOT = Path(__file__).resolve().parent.parent
SCRIPT = "scripts/cheatsheet.py"
FIELD_ORDER = list(resource_schema()["properties"])

# Where each vocabulary's allowed values are listed in the reference.
VOCABULARY_TABLES = {
    "licences": "identifiant SPDX exact, voir le tableau « Licences »",
    "themes": "voir le tableau « Thèmes »",
    "audiences": "voir le tableau « Publics »",
    "types": "voir le tableau « Types et dossiers »",
    "programmes": f"nom de fichier, sans « .md », d'une page de `docs/{programme_folder()}/`",
}

# Headers with typical mistakes: (file, front matter). The guide shows each
# with the checker's answer.
MISTAKES = [
    (
        "docs/guides/mon-guide.md",
        "---\n"
        "title: Note\n"
        "description: Un guide pour acheter du design.\n"
        "type: guide\n"
        "date: 2025-02-30\n"
        "author: Rédaction du centre de ressources\n"
        "licence: CC-BY-SA\n"
        "themes: [commande publique]\n"
        "---\n",
    ),
    (
        "docs/guides/achat-public.md",
        "---\n"
        "title: Achat public : mode d'emploi\n"
        "description: Les étapes d'un achat de prestation de design, de l'expression du besoin au suivi du marché.\n"
        "type: guide\n"
        "date: 2025-03-20\n"
        "authors: [Rédaction du centre de ressources]\n"
        "licence: CC-BY-SA-4.0\n"
        "themes: [commande-publique]\n"
        "---\n",
    ),
    (
        "docs/guides/compte-rendu-de-juin.md",
        "---\n"
        "title: Compte rendu du webinaire de juin\n"
        "description: Ce que les participants du webinaire de juin ont partagé sur l'achat de prestations de design.\n"
        "type: webinaire\n"
        "date: 2099-06-20\n"
        "authors: [Rédaction du centre de ressources]\n"
        "licence: CC-BY-SA-4.0\n"
        "themes: [commande-publique]\n"
        "---\n",
    ),
]


def markers(part: str) -> tuple[str, str]:
    return (
        f"<!-- cheatsheet:{part}:start — généré par {SCRIPT}, ne pas modifier à la main -->",
        f"<!-- cheatsheet:{part}:end -->",
    )


# --- The front-matter reference ---------------------------------------------


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _rule(spec: dict[str, Any]) -> str:
    """What a field's value must look like, from its schema."""
    if (vocabulary := spec.get("x-vocabulary")) is not None:
        return VOCABULARY_TABLES[vocabulary]
    kind = spec.get("type")
    if kind == "string":
        if "enum" in spec:
            return "une valeur parmi " + ", ".join(f"`{v}`" for v in spec["enum"])
        if spec.get("format") == "date":
            return "date AAAA-MM-JJ"
        if spec.get("format") == "uri":
            return "adresse commençant par `http://` ou `https://`"
        if "minLength" in spec and "maxLength" in spec:
            return f"texte de {spec['minLength']} à {spec['maxLength']} caractères"
        return "texte non vide" if spec.get("pattern") else "texte"
    if kind == "array":
        items = spec.get("items", {})
        if items.get("type") == "object":
            text = "liste de groupes de champs"
        elif (vocabulary := items.get("x-vocabulary")) is not None:
            text = f"liste de valeurs ({VOCABULARY_TABLES[vocabulary]})"
        elif "enum" in items:
            text = "liste de valeurs parmi " + ", ".join(f"`{v}`" for v in items["enum"])
        else:
            text = "liste de textes"
        low, high = spec.get("minItems"), spec.get("maxItems")
        if low and high:
            text += f", de {low} à {high}"
        elif low:
            text += f", au moins {low}"
        return text + (", sans doublon" if spec.get("uniqueItems") else "")
    if kind == "integer":
        low, high = spec.get("minimum"), spec.get("maximum")
        if low is not None and high is not None:
            return f"nombre entier de {low} à {high}"
        return f"nombre entier, au moins {low}" if low is not None else "nombre entier"
    if kind == "boolean":
        return "`true` ou `false`"
    if kind == "object":
        return "groupe de champs, détaillés aux lignes suivantes"
    return kind or ""


def _field_rows(
    properties: dict[str, Any], required: set[str], prefix: str, conditions: dict[str, list[str]]
) -> Iterator[str]:
    for name, spec in properties.items():
        dotted = f"{prefix}{name}"
        if name in required:
            needed = "**oui**"
        elif kinds := [kind for kind, fields in conditions.items() if name in fields]:
            needed = "**oui** pour " + " et ".join(f"le type `{kind}`" for kind in kinds)
        else:
            needed = "non"
        example = f"`{name}: {yaml_inline(spec['examples'][0])}`" if spec.get("examples") else ""
        description = _cell(spec.get("description", ""))
        yield f"| `{dotted}` | {needed} | {description} | {_cell(_rule(spec))} | {_cell(example)} |"
        nested = spec.get("items", spec) if spec.get("type") == "array" else spec
        if nested.get("type") == "object":
            suffix = "[]." if spec.get("type") == "array" else "."
            yield from _field_rows(nested["properties"], set(nested.get("required", [])), dotted + suffix, {})


def _terms_table(terms: dict[str, Term]) -> list[str]:
    rows = ["| valeur | libellé | description |", "|---|---|---|"]
    rows += [f"| `{slug}` | {_cell(term.label)} | {_cell(term.description)} |" for slug, term in terms.items()]
    return rows


def _licence_row(spdx: str, licence: Licence) -> str:
    libre = "oui" if licence.open else "**non libre**"
    return f"| `{spdx}` | [{_cell(licence.name)}]({licence.url_fr}) | {libre} | {_cell(licence.allows)} |"


def _complete_example() -> dict[str, Any]:
    """The required fields of a guide, each with the schema's first example."""
    properties = resource_schema()["properties"]
    return {name: properties[name]["examples"][0] for name in required_fields("guide")}


def reference(root: Path) -> str:
    schema = resource_schema()
    vocabularies = load_vocabularies(root / "docs")
    conditions = conditional_requirements()
    lines = [
        "### Un en-tête complet à copier",
        "",
        "Les champs obligatoires d'un guide ; remplacez chaque valeur par la vôtre.",
        "",
        "```yaml",
        front_matter_text(_complete_example(), FIELD_ORDER).rstrip("\n"),
        "```",
        "",
    ]
    for kind, fields in conditions.items():
        extra = {name: schema["properties"][name]["examples"][0] for name in fields}
        lines += [
            f"Pour le type `{kind}`, ajoutez aussi, avant la dernière ligne `---` :",
            "",
            "```yaml",
            front_matter_text(extra, FIELD_ORDER).removeprefix("---\n").removesuffix("---\n").rstrip("\n"),
            "```",
            "",
        ]
    lines += [
        "### Les champs",
        "",
        "| champ | obligatoire | ce qu'il contient | forme attendue | exemple |",
        "|---|---|---|---|---|",
        *_field_rows(schema["properties"], set(schema["required"]), "", conditions),
        "",
        "### Types et dossiers",
        "",
        "| type | nom affiché | dossier |",
        "|---|---|---|",
        *(f"| `{key}` | {kind.label} | `docs/{kind.folder}/` |" for key, kind in resource_types().items()),
        "",
        "### Licences",
        "",
        "| identifiant (`licence:`) | licence | libre | ce qu'elle permet |",
        "|---|---|---|---|",
        *(_licence_row(spdx, licence) for spdx, licence in licence_registry().items()),
        "",
        "### Thèmes",
        "",
        *_terms_table(vocabularies.themes),
        "",
        "### Publics",
        "",
        *_terms_table(vocabularies.audiences),
    ]
    return "\n".join(lines)


# --- The checker's messages ---------------------------------------------------


def checker_outputs(root: Path) -> list[str]:
    """What scripts/check.py prints for each of ``MISTAKES``, each file alone in a copy of ``root``'s vocabularies.

    The runs go side by side: each is a fresh interpreter, and this script runs in tests.
    """
    with tempfile.TemporaryDirectory() as scratch:
        runs = []
        for number, (path, text) in enumerate(MISTAKES):
            copy = Path(scratch) / str(number)
            (copy / "docs").mkdir(parents=True)
            for vocabulary in ("themes.yml", "audiences.yml"):
                shutil.copy(root / "docs" / vocabulary, copy / "docs" / vocabulary)
            target = copy / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text + "\nTexte de la ressource.\n", "utf-8")
            command = [sys.executable, str(REPO_ROOT / "scripts" / "check.py"), "--root", str(copy)]
            runs.append(subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
        # A terminal shows the problems (stdout), then the count (stderr).
        return [("".join(run.communicate())).rstrip("\n") for run in runs]


def messages(root: Path) -> str:
    lines: list[str] = []
    for (path, text), output in zip(MISTAKES, checker_outputs(root), strict=True):
        lines += [
            f"`{path}` :",
            "",
            "```yaml",
            text.rstrip("\n"),
            "```",
            "",
            "La vérification répond :",
            "",
            "```text",
            output,
            "```",
            "",
        ]
    return "\n".join(lines).rstrip("\n")


# --- Putting them in place ----------------------------------------------------


class MarkersMissingError(Exception):
    pass


def replace_part(document: str, part: str, generated: str) -> str:
    start, end = markers(part)
    before, found_start, rest = document.partition(start)
    _, found_end, after = rest.partition(end)
    if not (found_start and found_end):
        raise MarkersMissingError(f"marqueurs introuvables : ajoutez les lignes\n{start}\n{end}")
    return f"{before}{start}\n{generated}\n{end}{after}"


def generated_document(document: str, root: Path) -> str:
    document = replace_part(document, "reference", reference(root))
    return replace_part(document, "messages", messages(root))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Met à jour les parties générées de CONTRIBUTING.md.")
    parser.add_argument("--check", action="store_true", help="ne rien écrire ; échouer si le fichier n'est pas à jour")
    parser.add_argument("--file", type=Path, default=REPO_ROOT / "CONTRIBUTING.md", help="le fichier à tenir à jour")
    parser.add_argument("--root", type=Path, default=REPO_ROOT, help="racine du dépôt dont lire docs/*.yml")
    args = parser.parse_args(argv)
    current = args.file.read_text("utf-8")
    try:
        wanted = generated_document(current, args.root.resolve())
    except MarkersMissingError as error:
        print(f"✗ {args.file.name} : {error}", file=sys.stderr)
        return 2
    if wanted == current:
        print(f"{args.file.name} est à jour.", file=sys.stderr)
        return 0
    if args.check:
        diff = difflib.unified_diff(current.splitlines(), wanted.splitlines(), "actuel", "attendu", lineterm="", n=1)
        print("\n".join(diff), file=sys.stderr)
        print(
            f"✗ {args.file.name} ne correspond plus au schéma, aux licences ou aux vocabulaires. "
            f"Lancez « .venv/bin/python {SCRIPT} », puis ajoutez le fichier modifié à votre proposition.",
            file=sys.stderr,
        )
        return 1
    args.file.write_text(wanted, "utf-8")
    print(f"{args.file.name} mis à jour.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
