"""deploy/ uses the commands the README and CI use, and lists every setting."""

from __future__ import annotations

import json
import re
import subprocess
import tomllib
from pathlib import Path

import pytest

from bot.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"


def test_env_example_lists_every_setting_and_loads(tmp_path: Path, monkeypatch) -> None:
    text = (DEPLOY / ".env.example").read_text()
    keys = set(re.findall(r"^([A-Z_]+)=", text, flags=re.MULTILINE))
    assert keys == set(Settings.env_names())
    readme = (ROOT / "README.md").read_text()
    assert all(f"`{key}`" in readme for key in keys)
    (tmp_path / ".env").write_text(text)
    monkeypatch.chdir(tmp_path)
    for key in keys:
        monkeypatch.delenv(key, raising=False)
    settings = Settings()  # the example as it stands is valid: empty means default
    assert settings.feed_interval == 900 and settings.timezone == "UTC"
    assert settings.data_dir.name == "newsbot" and settings.telegram_bot_token is None


def test_container_and_unit_run_the_readme_commands() -> None:
    readme = (ROOT / "README.md").read_text()
    assert "pip install ." in readme
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    assert "RUN pip install --no-cache-dir ." in dockerfile
    assert 'ENTRYPOINT ["newsbot"]' in dockerfile and 'CMD ["run"]' in dockerfile
    assert "USER newsbot" in dockerfile and 'VOLUME ["/data"]' in dockerfile
    for copied in re.findall(r"^COPY (\S+)", dockerfile, flags=re.MULTILINE):
        assert (ROOT / copied).exists(), copied
    unit = (DEPLOY / "newsbot.service").read_text()
    assert "ExecStart=/opt/newsbot/.venv/bin/newsbot run" in unit
    compose = (DEPLOY / "compose.yaml").read_text()
    assert "dockerfile: deploy/Dockerfile" in compose and "/data" in compose


def test_cluster_compose_has_three_nodes_and_a_bot_on_real_settings() -> None:
    compose = (DEPLOY / "compose.opensearch.yaml").read_text()
    assert re.findall(r"^  (os\d):$", compose, flags=re.MULTILINE) == ["os1", "os2", "os3"]
    assert "discovery.seed_hosts: os1,os2,os3" in compose and "-Xmx" in compose
    assert "dockerfile: deploy/Dockerfile" in compose and "NEWSBOT_SEARCH: opensearch" in compose
    assert set(re.findall(r"\b(NEWSBOT_[A-Z_]+):", compose)) <= set(Settings.env_names())
    assert "compose.opensearch.yaml" in (ROOT / "README.md").read_text()
    # The bot knows all three nodes and verifies them against the CA the certs service made.
    nodes = re.search(r"NEWSBOT_OPENSEARCH_URL: (\S+)", compose)
    assert nodes and nodes[1] == "https://os1:9200,https://os2:9200,https://os3:9200"
    assert "NEWSBOT_OPENSEARCH_CA_BUNDLE: /certs/ca.pem" in compose
    assert "VERIFY_TLS" not in compose and "curl -k" not in compose and "-ks" not in compose
    for node in ("os1", "os2", "os3"):
        assert f"pemcert_filepath: certs/{node}.pem" in compose
    assert "subjectAltName=DNS:%s" in compose


# Replies of OpenSearch 2.19's GET /_cluster/health as curl prints them.
HEALTH = (
    '{"cluster_name":"newsbot","status":"%s","timed_out":false,"number_of_nodes":3,'
    '"number_of_data_nodes":3,"discovered_master":true,"discovered_cluster_manager":true,'
    '"active_primary_shards":12,"active_shards":%d,"relocating_shards":0,'
    '"initializing_shards":0,"unassigned_shards":%d,"delayed_unassigned_shards":0,'
    '"number_of_pending_tasks":0,"number_of_in_flight_fetch":0,'
    '"task_max_waiting_in_queue_millis":0,"active_shards_percent_as_number":%s}'
)
UNAUTHORIZED = (
    '{"error":{"root_cause":[{"type":"security_exception","reason":"Unauthorized"}],'
    '"type":"security_exception","reason":"Unauthorized"},"status":401}'
)


def _health_command() -> str:
    """The nodes' health check command, as the container's shell receives it."""
    compose = (DEPLOY / "compose.opensearch.yaml").read_text()
    found = re.search(r'test: \["CMD-SHELL", "((?:[^"\\]|\\.)*)"\]', compose)
    assert found, "no CMD-SHELL health check"
    return found[1].replace('\\"', '"').replace("$$", "$")


@pytest.mark.parametrize(
    ("reply", "healthy"),
    [
        (HEALTH % ("green", 24, 0, "100.0"), True),
        (HEALTH % ("yellow", 18, 6, "75.0"), True),  # a node down: replicas missing
        (HEALTH % ("red", 10, 14, "41.7"), False),  # a primary missing
        (json.dumps(json.loads(HEALTH % ("yellow", 18, 6, "75.0")), indent=2), True),
        (UNAUTHORIZED, False),
        ("", False),  # connection refused: curl prints nothing
    ],
)
def test_the_cluster_health_check_passes_on_green_and_yellow_only(
    tmp_path: Path, reply: str, healthy: bool
) -> None:
    (tmp_path / "reply.json").write_text(reply)
    curl = tmp_path / "curl"
    saved = tmp_path / "reply.json"
    curl.write_text(f'#!/bin/sh\ncat "{saved}"\n[ -s "{saved}" ] || exit 7\n')
    curl.chmod(0o755)
    env = {"PATH": f"{tmp_path}:/usr/bin:/bin", "OPENSEARCH_INITIAL_ADMIN_PASSWORD": "pw"}
    done = subprocess.run(["sh", "-c", _health_command()], env=env, capture_output=True)
    assert (done.returncode == 0) is healthy, (reply, done.stderr)


def test_every_package_is_installed_by_pip_install() -> None:
    """A plain ``pip install .`` (README's first command) installs only the packages named in
    pyproject.toml: a new subpackage left out breaks the installed bot at import."""
    with (ROOT / "pyproject.toml").open("rb") as file:
        declared = set(tomllib.load(file)["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in ("bot", "retrieval")
        for init in (ROOT / top).rglob("__init__.py")
    }
    assert found <= declared, sorted(found - declared)


def test_every_data_file_the_packages_read_is_installed() -> None:
    """``pip install .`` copies only the data files package-data names: a language table
    (retrieval/languages/<code>.toml) outside its globs would be missing from the installed
    bot, which would then not know the language."""
    with (ROOT / "pyproject.toml").open("rb") as file:
        package_data = tomllib.load(file)["tool"]["setuptools"]["package-data"]
    tables = ROOT / "retrieval" / "languages"
    installed = {path for glob in package_data["retrieval.languages"] for path in tables.glob(glob)}
    assert set(tables.glob("*.toml")) <= installed and len(installed) >= 8
