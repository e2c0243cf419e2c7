"""Where the workstation keeps its files.

By default the platformdirs locations for the current user. ``ONEWINDOW_HOME`` (or ``--home``) puts everything under
one folder, which tests and training installs use to keep runs apart.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "OneWindow"
APP_AUTHOR = "OneWindow"


@dataclass(frozen=True)
class AppPaths:
    config_dir: Path
    data_dir: Path
    log_dir: Path
    cache_dir: Path

    @property
    def config_file(self) -> Path:
        return self.config_dir / "onewindow.toml"

    @property
    def database(self) -> Path:
        return self.data_dir / "onewindow.sqlite3"

    @property
    def blob_dir(self) -> Path:
        return self.data_dir / "blobs"

    @property
    def crash_dir(self) -> Path:
        return self.data_dir / "crash-reports"

    @property
    def faulthandler_log(self) -> Path:
        return self.log_dir / "fault.log"

    def ensure(self) -> AppPaths:
        for folder in (self.config_dir, self.data_dir, self.log_dir, self.cache_dir, self.blob_dir, self.crash_dir):
            folder.mkdir(parents=True, exist_ok=True)
            if os.name == "posix":
                folder.chmod(0o700)
        return self


def resolve_paths(home: str | os.PathLike[str] | None = None) -> AppPaths:
    home = home or os.environ.get("ONEWINDOW_HOME")
    if home:
        root = Path(home).expanduser().resolve()
        return AppPaths(root / "config", root / "data", root / "data" / "logs", root / "cache")
    data = Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    # Logs sit with the data so IT staff collect one folder (and its backups carry them).
    return AppPaths(Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)), data, data / "logs",
                    Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR)))


# -- how this workstation was installed ---------------------------------------------------------------------------
# A PyInstaller bundle (scripts/package.sh writes BUILD-INFO.json into it) or a source checkout with a virtual
# environment. ``doctor`` reports it so IT staff see which build a PC runs.
BUILD_INFO = "BUILD-INFO.json"


def install_info() -> dict[str, Any]:
    bundle = getattr(sys, "_MEIPASS", None)
    if not bundle:
        return {"packaged": False, "location": str(Path(__file__).resolve().parents[1]), "python": sys.executable}
    info: dict[str, Any] = {"packaged": True, "location": str(Path(sys.executable).resolve().parent)}
    try:
        build = json.loads((Path(bundle) / BUILD_INFO).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        info["build"] = None
    else:
        info["build"] = {key: build.get(key) for key in ("version", "commit", "source_date_epoch", "python")}
    return info
