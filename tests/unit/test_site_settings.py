"""The site's settings: read once from mkdocs.yml, typed, and every mistake one path-first French line."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from commons.site_config import read_site_config
from commons.site_settings import SiteSettingsError, read_site_settings, site_settings

from tests.conftest import REPO_ROOT, Project

CONFIG: dict[str, Any] = read_site_config(REPO_ROOT / "mkdocs.yml")


def test_the_repository_settings_are_read_and_typed() -> None:
    settings = read_site_settings(REPO_ROOT)
    assert settings.site_url == CONFIG["site_url"] and settings.site_url.endswith("/")
    assert settings.publisher == CONFIG["extra"]["commons"]["publisher"]
    assert settings.default_licence.spdx == CONFIG["extra"]["commons"]["default_licence"]
    assert settings.open_data_licence.open
    assert settings.publication.absolute("api/") == f"{settings.site_url}api/"


def test_a_site_url_without_its_last_slash_gets_it() -> None:
    config = copy.deepcopy(CONFIG)
    config["site_url"] = config["site_url"].rstrip("/")
    assert site_settings(config).site_url == CONFIG["site_url"]


def _problems(config: dict[str, Any]) -> list[str]:
    with pytest.raises(SiteSettingsError) as raised:
        site_settings(config)
    return str(raised.value).splitlines()


def test_every_mistake_is_one_path_first_french_line() -> None:
    config = copy.deepcopy(CONFIG)
    del config["site_url"]
    commons = config["extra"]["commons"]
    commons["default_licence"] = "CC-BY-SA"
    commons["open_data_licence"] = "CC-BY-NC-SA-4.0"
    commons["contact"]["url"] = "http://exemple.fr"
    commons["publiser"] = commons.pop("publisher")
    assert _problems(config) == [
        "mkdocs.yml: site_url : champ obligatoire manquant. Adresse absolue du site publié : les flux, "
        "les données ouvertes et les citations en ont besoin. Exemple : "
        "« site_url: https://communs-innovation-publique.github.io/centre-de-ressources/ ».",
        "mkdocs.yml: extra.commons.publiser : champ inconnu. Vouliez-vous dire « publisher » ? (champs permis : "
        "contact, default_licence, open_data_licence, publisher, publisher_url, repository)",
        "mkdocs.yml: extra.commons.publisher : champ obligatoire manquant. "
        "L'éditeur des ressources, titulaire des droits par défaut.",
        "mkdocs.yml: extra.commons.default_licence : « CC-BY-SA » n'est pas une licence du registre "
        "(src/commons/data/licences.yml). Vouliez-vous dire « CC-BY-SA-4.0 » ? (valeurs permises : CC-BY-4.0, "
        "CC-BY-SA-4.0, CC0-1.0, etalab-2.0, ODbL-1.0, CC-BY-NC-SA-4.0, CC-BY-ND-4.0)",
        "mkdocs.yml: extra.commons.open_data_licence : « CC-BY-NC-SA-4.0 » n'est pas une licence libre du "
        "registre : des données ouvertes en demandent une. Vouliez-vous dire « CC-BY-SA-4.0 » ? "
        "(valeurs permises : CC-BY-4.0, CC-BY-SA-4.0, CC0-1.0, etalab-2.0, ODbL-1.0)",
        "mkdocs.yml: extra.commons.contact.url : doit être une adresse https: ou mailto:.",
    ]


def test_a_relative_site_url_is_refused() -> None:
    config = copy.deepcopy(CONFIG)
    config["site_url"] = "/centre-de-ressources/"
    assert _problems(config) == [
        "mkdocs.yml: site_url : « /centre-de-ressources/ » n'est pas une adresse web valide : "
        "seules les adresses http:// ou https:// sont acceptées."
    ]


def test_a_build_with_broken_settings_stops_on_the_lines_alone(project: Project) -> None:
    config = project.root / "mkdocs.yml"
    text = config.read_text("utf-8")
    config.write_text(text.replace("  open_data_licence: etalab-2.0", "  open_data_licence: LO-2.0"), "utf-8")
    result = project.build()
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    assert (
        "mkdocs.yml: extra.commons.open_data_licence : « LO-2.0 » n'est pas une licence libre du registre : "
        "des données ouvertes en demandent une. Vouliez-vous dire « etalab-2.0 » ?"
    ) in output
    assert not (project.root / "site").exists()
