"""Create a new resource file with a valid front matter, ready to write.

Asks for whatever the command line did not give (type, title, summary,
authors, licence, themes…), checks each answer with the same schema and the
same French messages as the build, then writes docs/<folder>/<slug>.md and
checks the written file with the content model before keeping it.

    python scripts/new.py                       # asks every question
    python scripts/new.py --type guide --title "Mon titre" --description "…" \\
        --author "La 27e Région" --licence CC-BY-4.0 --theme participation --no-input
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from pathlib import Path

from commons.resource_types import resource_types
from commons.scaffold import (
    Answers,
    Ask,
    FieldChecker,
    Interview,
    ScaffoldError,
    default_licence,
    flag_problems,
    missing_flags,
    write_resource,
)
from commons.site_config import PREVIEW_PORT, preview_url, read_site_config

REPO_ROOT = Path(__file__).resolve().parent.parent


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Crée une nouvelle ressource dans docs/, avec un en-tête valide. "
        "Les informations absentes de la ligne de commande sont demandées.",
    )
    parser.add_argument("--type", help=f"type de ressource : {', '.join(resource_types())}")
    parser.add_argument("--title", help="titre")
    parser.add_argument("--description", help="résumé en une ou deux phrases")
    parser.add_argument("--author", action="append", default=[], help="autrice ou auteur (à répéter)")
    parser.add_argument("--licence", help="identifiant SPDX de la licence, par exemple CC-BY-SA-4.0")
    parser.add_argument("--theme", action="append", default=[], help="thème de docs/themes.yml (à répéter)")
    parser.add_argument("--audience", action="append", default=[], help="public de docs/audiences.yml (à répéter)")
    parser.add_argument(
        "--programme", help="programme dont la ressource est issue (nom de fichier de docs/programmes/)"
    )
    parser.add_argument("--date", help="date de publication, AAAA-MM-JJ (par défaut : aujourd'hui)")
    parser.add_argument("--event-date", help="webinaire : date de l'événement (par défaut : la date de publication)")
    parser.add_argument("--start", type=int, help="programme : année de début (par défaut : celle de la publication)")
    parser.add_argument("--slug", help="nom du fichier sans « .md » (par défaut : tiré du titre)")
    parser.add_argument(
        "--no-input", action="store_true", help="ne rien demander : échouer s'il manque une information"
    )
    parser.add_argument("--root", type=Path, default=REPO_ROOT, help="racine du dépôt (par défaut : ce dépôt)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None, ask: Ask = input) -> int:
    args = parse_arguments(argv)
    root = args.root.resolve()
    checker = FieldChecker(root / "docs")
    answers = Answers(
        type=args.type,
        title=args.title,
        description=args.description,
        authors=args.author,
        licence=args.licence,
        themes=args.theme,
        audience=args.audience,
        programme=args.programme,
        date=args.date or datetime.date.today().isoformat(),
        event_date=args.event_date,
        start=args.start,
        slug=args.slug,
    )
    if found := flag_problems(checker, answers):
        print("\n".join(f"✗ {message}" for message in found), file=sys.stderr)
        return 2
    missing = missing_flags(answers)
    if missing and args.no_input:
        print(f"✗ Il manque {', '.join(missing)} (sans --no-input, ces informations sont demandées).", file=sys.stderr)
        return 2
    try:
        if missing:  # complete flags mean no question at all, so scripts and tests never wait
            Interview(checker, ask, print).complete(answers, root=root, default_licence=default_licence(root))
        path = write_resource(root, answers)
    except (EOFError, KeyboardInterrupt):
        print("\n✗ Saisie interrompue : aucun fichier n'a été écrit.", file=sys.stderr)
        return 1
    except ScaffoldError as error:
        print(f"✗ {error}", file=sys.stderr)
        return 1
    port = int(os.environ.get("PORT") or PREVIEW_PORT)
    address = preview_url(read_site_config(root / "mkdocs.yml"), f"{path.parent.name}/{path.stem}/", port)
    serve = "make serve" if port == PREVIEW_PORT else f"make serve PORT={port}"
    print(
        f"Ressource créée : {path.relative_to(root).as_posix()}\n"
        "Écrivez maintenant le texte sous l'en-tête, puis prévisualisez la page :\n"
        f"  {serve}    puis ouvrez {address}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
