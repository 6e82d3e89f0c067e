"""Commands that lay nothing out never import WeasyPrint (it costs half a second)."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """\
import sys, tempfile
from pathlib import Path
from click.testing import CliRunner
from pocketguide.cli import cli

folder = Path(tempfile.mkdtemp()) / "project"
steps = {
    "help": ["--help"],
    "init": ["init", str(folder)],
    "check": ["check", str(folder)],
    "approve": ["approve", str(folder)],
}
for name, args in steps.items():
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, (name, result.output)
    loaded = sorted(m for m in sys.modules if m.split(".")[0] == "weasyprint")
    print(name, "weasyprint" if loaded else "no weasyprint")
"""


def test_commands_that_render_nothing_import_no_weasyprint():
    # In a fresh interpreter: this test process may well have imported WeasyPrint already.
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "help no weasyprint",
        "init no weasyprint",
        "check no weasyprint",
        "approve no weasyprint",
    ]
