"""A release a corpus can pin: the version the package reports is the one the README's snippets cite, the
action's comment names, CHANGELOG.md heads with and the build installed."""

from __future__ import annotations

import re
from importlib.metadata import version

from planparse import __version__

from .conftest import ROOT

# Where a text cites a release: `rev: v0.2.0`, `planparse@v0.2.0`, `/tags/v0.2.0.zip`, "`v0.2.0` the latest".
CITED = re.compile(r"(?:rev: |@|/tags/|`)v(\d+\.\d+\.\d+)")


def test_the_readme_cites_the_package_version_everywhere():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    cited = CITED.findall(readme)
    assert len(cited) >= 6  # install, install without git, Windows, workflow, SARIF workflow, pre-commit
    assert set(cited) == {__version__}


def test_the_action_the_changelog_and_the_build_agree():
    assert set(CITED.findall((ROOT / "action.yml").read_text(encoding="utf-8"))) == {__version__}
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    # What is merged after the last release waits under `## Unreleased`, above it.
    released = [heading for heading in re.findall(r"^## (\S+)", changelog, flags=re.M) if heading != "Unreleased"]
    assert released[0] == __version__
    assert version("planparse") == __version__  # pyproject.toml reads planparse/version.py
