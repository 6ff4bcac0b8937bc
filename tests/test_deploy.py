"""deploy/ uses the commands the README and CI use, and lists every setting."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

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
