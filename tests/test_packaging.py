"""Files citekit ships beside its code are found from a wheel and from the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import ROOT


def test_wheel_holds_styles_templates_data_and_runs_outside_the_checkout(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
    )
    (wheel,) = wheels.glob("citekit-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "citekit/styles/aliases.json",
        "citekit/templates/provenance.txt.j2",
        "citekit/data/archives.json",
        "citekit/data/example/000_97e68d44f543b168.txt",
    ):
        assert needed in names, needed
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
    )
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    code = (
        "import citekit, citekit.cli as c, sys; assert citekit.__file__.startswith(sys.argv[1]);"
        "sys.argv = ['citekit', 'cite', '--style', 'mla']; c.main()"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(target)],
        cwd=outside,
        env=env,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    assert "PRC FMA 118-01154-07" in out.stdout


def test_checkout_finds_the_top_level_styles_folder() -> None:
    from citekit.engine.styles import aliases

    assert aliases()["chicago"] == "chicago-notes-bibliography"
    assert (ROOT / "styles" / "aliases.json").is_file()
