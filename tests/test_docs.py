"""The editor's guide shows real commands and real messages: if the program changes, this fails."""
from __future__ import annotations

import re

from conftest import ROOT, run_cli

GUIDES = [ROOT / "docs/editing.md", ROOT / "docs/editing.az.md"]


def test_both_guides_exist_and_cover_the_same_sections():
    heads = [re.findall(r"^## (\d+)\.", g.read_text("utf-8"), re.M) for g in GUIDES]
    assert heads[0] == heads[1] == [str(i) for i in range(1, 9)]


def test_the_example_error_is_what_check_prints(content_copy):
    guide = GUIDES[0].read_text("utf-8")
    example = re.search(r"^(content/progress/\S+\.md:\d+: .+)$", guide, re.M).group(1)
    path = example.split(":")[0].removeprefix("content/")
    note = content_copy / path
    note.write_text(note.read_text("utf-8").replace("status: completed", "status: complete"), "utf-8")
    result = run_cli("check", "--content", str(content_copy), cwd=content_copy.parent)
    assert result.returncode == 1
    assert example in result.stderr
    assert "1 error." in result.stderr


def test_every_command_in_the_guides_is_one_the_program_knows():
    commands = {m for g in GUIDES for m in re.findall(r"build\.py (\w[\w-]*)", g.read_text("utf-8"))}
    assert commands <= {"serve", "new-note", "check"}
    for command in commands:
        assert run_cli(command, "--help").returncode == 0
