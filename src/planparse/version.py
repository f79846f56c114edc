"""planparse's version, in one place: the package, `planparse --version`, the SARIF log and the build
(pyproject.toml reads it) all take it from here. A release is tagged `v<version>` (CHANGELOG.md)."""

__version__ = "0.2.0"
