"""The contributor workflow: GitHub workflows and templates, CONTRIBUTING.md, pre-commit, the scaffolder."""

from __future__ import annotations

import datetime
import re
import shlex
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml
from commons.licences import licence_registry
from commons.model import load_content
from commons.resource_types import resource_types

from tests.conftest import BIN, FIXTURES, REPO_ROOT, Project, as_typed, copy_project, parse_html, run

GITHUB = REPO_ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
CONTRIBUTING = REPO_ROOT / "CONTRIBUTING.md"
CHEATSHEET = [sys.executable, str(REPO_ROOT / "scripts" / "cheatsheet.py")]
NEW = [sys.executable, str(REPO_ROOT / "scripts" / "new.py")]
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s+([\w.-]+/[\w./-]+)@([0-9a-f]{40}) # v\d+\.\d+\.\d+\s*$")


def load_workflow(path: Path) -> dict[str, Any]:
    workflow: dict[Any, Any] = yaml.safe_load(path.read_text("utf-8"))
    # YAML 1.1 reads the key « on » as the boolean true.
    workflow["on"] = workflow.pop(True, workflow.get("on"))
    return workflow


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def named(name: str) -> dict[str, Any]:
    return load_workflow(GITHUB / "workflows" / name)


# --- Workflows -----------------------------------------------------------------


def test_there_are_a_pull_request_and_a_publication_workflow() -> None:
    assert {"publish.yml", "pull-request.yml"} <= {path.name for path in WORKFLOWS}


def test_workflows_match_github_schema() -> None:
    for schema in ("vendor.github-workflows", "custom.github-workflows-require-timeout"):
        result = run([str(BIN / "check-jsonschema"), "--builtin-schema", schema, *map(str, WORKFLOWS)], cwd=REPO_ROOT)
        assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing() -> None:
    result = run([str(BIN / "zizmor"), "--offline", "--no-progress", str(GITHUB / "workflows")], cwd=REPO_ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


def test_workflows_grant_least_privilege_per_job() -> None:
    for path in WORKFLOWS:
        workflow = load_workflow(path)
        assert workflow["permissions"] == {}, path.name
        assert workflow["concurrency"]["group"], path.name
        for name, job in workflow["jobs"].items():
            assert "permissions" in job, f"{path.name}: job {name} has no permissions of its own"
            assert job["timeout-minutes"] <= 30, f"{path.name}: job {name}"
    assert named("publish.yml")["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert named("publish.yml")["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert named("pull-request.yml")["jobs"]["check"]["permissions"] == {"contents": "read"}


def test_actions_are_pinned_to_a_commit_with_their_version() -> None:
    for path in WORKFLOWS:
        uses = [line for line in path.read_text("utf-8").splitlines() if re.match(r"\s*(-\s+)?uses:", line)]
        assert uses, path.name
        for line in uses:
            assert PINNED.match(line), f"{path.name}: not pinned to a full commit SHA with a # vX.Y.Z comment: {line}"


def test_checkouts_keep_no_credentials() -> None:
    for path in WORKFLOWS:
        checkouts = [s for s in steps(load_workflow(path)) if s.get("uses", "").startswith("actions/checkout@")]
        assert checkouts, path.name
        assert all(step["with"]["persist-credentials"] is False for step in checkouts), path.name


def test_the_python_environment_is_cached_on_the_lock_file() -> None:
    for path in WORKFLOWS:
        caches = [s for s in steps(load_workflow(path)) if s.get("uses", "").startswith("actions/cache@")]
        assert len(caches) == 1, path.name
        assert caches[0]["with"]["path"] == ".venv"
        assert "hashFiles('requirements.lock')" in caches[0]["with"]["key"]
        assert "steps.python.outputs.python-version" in caches[0]["with"]["key"], "a venv only works with its Python"


def test_pull_requests_check_then_test_then_upload_a_preview() -> None:
    workflow = named("pull-request.yml")
    assert "pull_request" in workflow["on"]
    assert "pull_request_target" not in workflow["on"], "never run contributors' code with the repository's rights"
    actions = [step.get("run", step.get("uses", "")) for step in steps(workflow)]

    def position(fragment: str) -> int:
        return next(i for i, action in enumerate(actions) if fragment in action)

    assert position("make .venv/.ready") < position("scripts/check.py --github") < position("make test")
    assert position("make test") < position("make site") < position("actions/upload-artifact@")
    upload = steps(workflow)[position("actions/upload-artifact@")]
    assert upload["with"]["path"] == "site/"


def test_main_is_built_then_deployed_to_pages() -> None:
    workflow = named("publish.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    build_actions = [step.get("run", step.get("uses", "")) for step in build["steps"]]
    site = build_actions.index("make site")
    assert build_actions[site + 1].startswith("actions/upload-pages-artifact@")
    assert build["steps"][site + 1]["with"]["path"] == "site/"
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]
    assert workflow["concurrency"]["cancel-in-progress"] is False, "a publication is never cut halfway"


# --- Templates -------------------------------------------------------------------


def test_issue_forms_match_github_schema() -> None:
    forms = sorted(str(p) for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")
    assert [Path(p).name for p in forms] == ["proposer-une-ressource.yml", "signaler-une-erreur.yml"]
    checks = [
        ("vendor.github-issue-forms", forms),
        ("vendor.github-issue-config", [str(GITHUB / "ISSUE_TEMPLATE" / "config.yml")]),
    ]
    for schema, files in checks:
        result = run([str(BIN / "check-jsonschema"), "--builtin-schema", schema, *files], cwd=REPO_ROOT)
        assert result.returncode == 0, result.stdout + result.stderr


def dropdown(form: dict[str, Any], field_id: str) -> list[str]:
    field = next(item for item in form["body"] if item.get("id") == field_id)
    options: list[str] = field["attributes"]["options"]
    return options


def test_the_proposal_form_offers_the_registry_licences_and_the_types() -> None:
    form = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / "proposer-une-ressource.yml").read_text("utf-8"))
    assert form["name"] == "Proposer une ressource"
    licences = dropdown(form, "licence")
    assert set(licences[:-1]) == set(licence_registry()), "update the form's licences to match licences.yml"
    assert dropdown(form, "type") == [kind.label for kind in resource_types().values()]
    rights = next(item for item in form["body"] if item["type"] == "checkboxes")
    assert rights["attributes"]["options"][0]["required"] is True


def test_the_error_form_asks_for_the_page() -> None:
    form = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / "signaler-une-erreur.yml").read_text("utf-8"))
    assert form["name"] == "Signaler une erreur"
    page = next(item for item in form["body"] if item.get("id") == "adresse")
    assert page["validations"]["required"] is True


def test_the_pull_request_template_asks_to_agree_to_the_licence() -> None:
    text = (GITHUB / "pull_request_template.md").read_text("utf-8")
    boxes = [line for line in text.splitlines() if line.startswith("- [ ] ")]
    assert any("J'accepte que ma contribution soit publiée sous la licence" in box for box in boxes)
    assert all("[x]" not in box for box in boxes), "nothing is ticked in advance"


# --- CONTRIBUTING.md -----------------------------------------------------------


def test_the_cheatsheet_matches_the_schema() -> None:
    result = run([*CHEATSHEET, "--check"], cwd=REPO_ROOT)
    assert result.returncode == 0, result.stderr


def test_a_drifted_cheatsheet_is_caught_and_regenerated(tmp_path: Path) -> None:
    copy = tmp_path / "CONTRIBUTING.md"
    text = CONTRIBUTING.read_text("utf-8")
    copy.write_text(text.replace("texte de 5 à 120 caractères", "texte de 5 à 100 caractères"), "utf-8")
    result = run([*CHEATSHEET, "--check", "--file", str(copy)], cwd=tmp_path)
    assert result.returncode == 1
    assert "ne correspond plus au schéma" in result.stderr
    assert "+| `title` | **oui** |" in result.stderr, "the difference is shown"
    assert run([*CHEATSHEET, "--file", str(copy)], cwd=tmp_path).returncode == 0
    assert copy.read_text("utf-8") == text


def test_a_new_theme_makes_the_cheatsheet_drift(project: Project, tmp_path: Path) -> None:
    themes = project.docs / "themes.yml"
    themes.write_text(
        themes.read_text("utf-8") + "- slug: numerique-responsable\n  label: Numérique responsable\n"
        "  description: Sobriété et accessibilité des services numériques publics.\n",
        "utf-8",
    )
    copy = tmp_path / "CONTRIBUTING.md"
    shutil.copy(CONTRIBUTING, copy)
    result = run([*CHEATSHEET, "--check", "--file", str(copy), "--root", str(project.root)], cwd=tmp_path)
    assert result.returncode == 1
    assert run([*CHEATSHEET, "--file", str(copy), "--root", str(project.root)], cwd=tmp_path).returncode == 0
    assert "| `numerique-responsable` | Numérique responsable |" in copy.read_text("utf-8")


def fenced_blocks(text: str) -> list[tuple[str, str]]:
    """(language, content) of every fenced code block."""
    return re.findall(r"^```(\w*)\n(.*?)^```$", text, flags=re.MULTILINE | re.DOTALL)


def outside_messages(text: str) -> str:
    """The guide without its generated examples of mistakes."""
    start, end = "<!-- cheatsheet:messages:start", "<!-- cheatsheet:messages:end -->"
    return text[: text.index(start)] + text[text.index(end) :]


def test_the_headers_to_copy_are_valid(tmp_path: Path) -> None:
    blocks = fenced_blocks(outside_messages(CONTRIBUTING.read_text("utf-8")))
    files = [body for language, body in blocks if language in ("yaml", "markdown") and body.startswith("---\n")]
    assert len(files) == 2, "the example of a resource, and the complete header to copy"
    extras = {body.split(":")[0]: body for language, body in blocks if body.startswith(("event:", "period:"))}
    assert set(extras) == {"event", "period"}
    header = files[1]
    assert header.endswith("\n---\n")
    examples = {
        "guides/exemple-de-ressource.md": files[0],
        "guides/exemple-d-en-tete.md": header + "\nTexte.\n",
        "webinaires/exemple-de-webinaire.md": header.replace("type: guide", "type: webinaire").removesuffix("---\n")
        + extras["event"]
        + "---\n\nTexte.\n",
        "programmes/exemple-de-programme.md": header.replace("type: guide", "type: programme").removesuffix("---\n")
        + extras["period"]
        + "---\n\nTexte.\n",
    }
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURES / "base", docs)
    for relative, text in examples.items():
        (docs / relative).write_text(text, "utf-8")
    content = load_content(docs, tmp_path, publisher="Éditeur", today=datetime.date.today())
    assert [str(p) for p in content.problems] == []
    assert {r.src_uri for r in content.resources} >= set(examples)


def github_anchor(heading: str) -> str:
    """The anchor GitHub gives a Markdown heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_links_inside_the_guide_reach_a_heading() -> None:
    text = re.sub(r"^```.*?^```$", "", CONTRIBUTING.read_text("utf-8"), flags=re.MULTILINE | re.DOTALL)
    anchors = {github_anchor(h) for h in re.findall(r"^#{1,6} (.+)$", text, flags=re.MULTILINE)}
    links = re.findall(r"\]\(#([^)]+)\)", text)
    assert links
    assert sorted(set(links) - anchors) == []


def test_the_guide_quotes_the_checker_it_documents() -> None:
    text = CONTRIBUTING.read_text("utf-8")
    assert "docs/guides/mon-guide.md:7: licence : « CC-BY-SA » n'est pas un identifiant SPDX connu." in text
    assert "Vouliez-vous dire « authors » ?" in text
    assert "en-tête YAML illisible" in text


# --- pre-commit ----------------------------------------------------------------


def test_pre_commit_checks_changed_resources(tmp_path: Path) -> None:
    repository = tmp_path / "depot"
    project = copy_project(repository)
    shutil.copytree(REPO_ROOT / "scripts", repository / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO_ROOT / ".pre-commit-config.yaml", repository)
    (repository / ".venv").symlink_to(REPO_ROOT / ".venv")
    assert run(["git", "init", "--quiet"], cwd=repository).returncode == 0
    shutil.copy(FIXTURES / "invalid" / "guides" / "licence-inconnue.md", project.docs / "guides")
    environment_home = tmp_path / "pre-commit-home"

    def pre_commit(*files: str) -> Any:
        command = [str(BIN / "pre-commit"), "run", "check-resources", "--files", *files]
        return run(["env", f"PRE_COMMIT_HOME={environment_home}", *command], cwd=repository)

    failed = pre_commit("docs/guides/licence-inconnue.md")
    assert failed.returncode == 1
    assert "docs/guides/licence-inconnue.md:7: licence : « CC-BY-SA » n'est pas un identifiant SPDX connu." in (
        failed.stdout
    )
    passed = pre_commit("docs/guides/guide-valide.md")
    assert passed.returncode == 0, passed.stdout
    assert "Passed" in passed.stdout


def test_pre_commit_configuration_is_valid_and_local() -> None:
    config = yaml.safe_load((REPO_ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert all(repo["repo"] == "local" for repo in config["repos"]), "nothing is downloaded"
    assert hooks["check-resources"]["entry"] == ".venv/bin/python scripts/check.py"
    assert re.match(hooks["check-resources"]["files"], "docs/guides/un-guide.md")
    assert {"ruff-check", "ruff-format"} <= set(hooks)
    result = run([str(BIN / "pre-commit"), "validate-config", ".pre-commit-config.yaml"], cwd=REPO_ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


# --- The scaffolder, end to end --------------------------------------------------


def test_scaffolded_resources_of_every_type_build_into_pages(project: Project) -> None:
    for kind in resource_types():
        title = f"Nouvelle ressource : {kind} à l'essai"
        description = "Une ressource créée par make new, construite avec le reste du site de test."
        flags = [
            "--root", str(project.root), "--no-input", "--type", kind, "--title", title, "--description", description,
            "--author", "Rédaction des tests", "--licence", "etalab-2.0", "--theme", "participation",
        ]  # fmt: skip
        result = run([*NEW, *flags], cwd=project.root)
        assert result.returncode == 0, result.stderr
    built = project.build()
    assert built.returncode == 0, built.stderr
    for kind in resource_types():
        folder = resource_types()[kind].folder
        page = parse_html(project.root / "site" / folder / f"nouvelle-ressource-{kind}-a-l-essai" / "index.html")
        assert page.h1 is not None
        assert as_typed(page.h1.get_text(strip=True)) == f"Nouvelle ressource : {kind} à l'essai"


def test_following_the_guide_from_make_new_to_a_passing_check(project: Project) -> None:
    """The command line CONTRIBUTING.md gives, run as written, makes the file it names, and the check passes."""
    text = CONTRIBUTING.read_text("utf-8")
    arguments = re.search(r"^make new ARGS='(.+)'$", text, flags=re.MULTILINE)
    added = re.search(r"^git add (docs/\S+\.md)$", text, flags=re.MULTILINE)
    assert arguments and added
    created = run([*NEW, "--root", str(project.root), *shlex.split(arguments[1])], cwd=project.root)
    assert created.returncode == 0, created.stderr
    assert f"Ressource créée : {added[1]}" in created.stdout
    preview = re.search(r"<(http://127\.0\.0\.1:8000/[a-z-]+/guides/[^>]+)>", text)
    assert preview and preview[1] in created.stdout, "the guide shows the address make new prints"
    checked = run([sys.executable, str(REPO_ROOT / "scripts" / "check.py"), "--root", str(project.root)], project.root)
    assert checked.returncode == 0, checked.stdout
    assert "aucune erreur" in checked.stderr
