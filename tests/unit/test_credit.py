"""Credit and citation texts, pinned for one resource per licence of the registry."""

from __future__ import annotations

import dataclasses
import datetime
import json

import pytest
from commons.credit import Publication, bibtex, citation_line, credit_line, csl_json
from commons.licences import licence_registry
from commons.model import Resource
from commons.resource_types import resource_types

PUBLICATION = Publication(
    site_url="https://exemple.gouv.fr/communs/",
    site_name="Communs de l'innovation publique",
    publisher="La 27e Région",
    publisher_url="https://www.la27eregion.fr/",
)
URL = "https://exemple.gouv.fr/communs/guides/acheter-du-design/"


def resource(spdx: str, **changes: object) -> Resource:
    base = Resource(
        slug="acheter-du-design",
        src_uri="guides/acheter-du-design.md",
        type=resource_types()["guide"],
        title="Acheter du design",
        description="Une description suffisamment longue pour le modèle de contenu du centre.",
        date=datetime.date(2024, 3, 1),
        updated=datetime.date(2025, 6, 2),
        authors=("Rédaction du centre de ressources", "Communauté des membres"),
        licence=licence_registry()[spdx],
        themes=("commande-publique",),
        rights_holder="La 27e Région",
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


AUTHORS = "Rédaction du centre de ressources, Communauté des membres"
CREDITS = {
    "CC-BY-4.0": f"« Acheter du design », {AUTHORS}, {URL}, CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/), "
    "version du 2 juin 2025.",
    "CC-BY-SA-4.0": f"« Acheter du design », {AUTHORS}, {URL}, CC BY-SA 4.0 "
    "(https://creativecommons.org/licenses/by-sa/4.0/), version du 2 juin 2025.",
    "CC0-1.0": f"« Acheter du design », {AUTHORS}, {URL}, versé dans le domaine public "
    "(CC0 1.0, https://creativecommons.org/publicdomain/zero/1.0/), version du 2 juin 2025.",
    "etalab-2.0": f"« Acheter du design », {AUTHORS}, {URL}, Licence Ouverte 2.0 "
    "(https://www.etalab.gouv.fr/licence-ouverte-open-licence), version du 2 juin 2025.",
    "ODbL-1.0": f"« Acheter du design », {AUTHORS}, {URL}, ODbL 1.0 (https://opendatacommons.org/licenses/odbl/1-0/), "
    "version du 2 juin 2025.",
    "CC-BY-NC-SA-4.0": f"« Acheter du design », {AUTHORS}, {URL}, CC BY-NC-SA 4.0 "
    "(https://creativecommons.org/licenses/by-nc-sa/4.0/), version du 2 juin 2025.",
    "CC-BY-ND-4.0": f"« Acheter du design », {AUTHORS}, {URL}, CC BY-ND 4.0 "
    "(https://creativecommons.org/licenses/by-nd/4.0/), version du 2 juin 2025.",
}
SHORT_NAMES = {
    "CC-BY-4.0": "CC BY 4.0",
    "CC-BY-SA-4.0": "CC BY-SA 4.0",
    "CC0-1.0": "CC0 1.0",
    "etalab-2.0": "Licence Ouverte 2.0",
    "ODbL-1.0": "ODbL 1.0",
    "CC-BY-NC-SA-4.0": "CC BY-NC-SA 4.0",
    "CC-BY-ND-4.0": "CC BY-ND 4.0",
}


def test_every_licence_of_the_registry_is_pinned() -> None:
    assert set(CREDITS) == set(licence_registry()) == set(SHORT_NAMES)


@pytest.mark.parametrize("spdx", sorted(CREDITS))
def test_credit_line(spdx: str) -> None:
    assert credit_line(resource(spdx), PUBLICATION) == CREDITS[spdx]


@pytest.mark.parametrize("spdx", sorted(CREDITS))
def test_citation_line(spdx: str) -> None:
    assert citation_line(resource(spdx), PUBLICATION) == (
        f"{AUTHORS}. « Acheter du design ». Communs de l'innovation publique, La 27e Région, 1er mars 2024, "
        f"mis à jour le 2 juin 2025. Licence : {SHORT_NAMES[spdx]}. {URL}"
    )


def test_an_adaptation_says_what_it_adapts_and_attribution_replaces_authors() -> None:
    adapted = resource("CC-BY-SA-4.0", source="https://www.example.org/original", attribution="Le réseau des labs")
    assert credit_line(adapted, PUBLICATION) == (
        f"« Acheter du design », Le réseau des labs, {URL}, CC BY-SA 4.0 "
        "(https://creativecommons.org/licenses/by-sa/4.0/), version du 2 juin 2025, "
        "adaptation de https://www.example.org/original."
    )


def test_without_update_the_version_is_the_publication_date() -> None:
    first = resource("etalab-2.0", updated=None)
    assert credit_line(first, PUBLICATION).endswith("version du 1er mars 2024.")
    assert "mis à jour" not in citation_line(first, PUBLICATION)


def test_bibtex_entry_braces_every_author_and_escapes_specials() -> None:
    entry = bibtex(resource("CC-BY-4.0", title="Design & achats : 100 % utile_{x}"), PUBLICATION)
    assert entry == (
        "@misc{acheter-du-design-2024,\n"
        "  author = {{Rédaction du centre de ressources} and {Communauté des membres}},\n"
        "  title = {Design \\& achats : 100 \\% utile\\_\\{x\\}},\n"
        "  year = 2024,\n"
        "  month = mar,\n"
        "  publisher = {La 27e Région},\n"
        "  howpublished = {Communs de l'innovation publique},\n"
        f"  url = {{{URL}}},\n"
        "  note = {Licence : CC BY 4.0},\n"
        "  language = {french}\n"
        "}"
    )


def test_csl_json_puts_the_licence_under_custom() -> None:
    (item,) = json.loads(csl_json(resource("CC-BY-ND-4.0"), PUBLICATION))
    assert item["custom"] == {
        "license": "https://creativecommons.org/licenses/by-nd/4.0/",
        "license_spdx": "CC-BY-ND-4.0",
        "license_open": False,
    }
    assert item["author"] == [{"literal": "Rédaction du centre de ressources"}, {"literal": "Communauté des membres"}]
    assert item["issued"] == {"date-parts": [[2024, 3, 1]]}
    assert item["available-date"] == {"date-parts": [[2025, 6, 2]]}
    assert item["URL"] == URL
