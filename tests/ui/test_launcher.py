"""Starting PuTTY: the launch's putty command line split into arguments on both platforms."""

from __future__ import annotations

from app.ui.launcher import command_arguments


def test_posix_command_line_keeps_quoted_paths_whole() -> None:
    line = "putty -ssh -i '/home/ann/My Keys/k.ppk' -P 22 ubuntu@203.0.113.7"
    assert command_arguments(line, windows=False) == [
        "-ssh",
        "-i",
        "/home/ann/My Keys/k.ppk",
        "-P",
        "22",
        "ubuntu@203.0.113.7",
    ]


def test_windows_command_line_drops_the_quotes_and_keeps_backslashes() -> None:
    line = r'putty.exe -ssh -i "C:\Users\Zhang Wei\keys\k.ppk" -L 8888:localhost:8888 ubuntu@h'
    assert command_arguments(line, windows=True) == [
        "-ssh",
        "-i",
        r"C:\Users\Zhang Wei\keys\k.ppk",
        "-L",
        "8888:localhost:8888",
        "ubuntu@h",
    ]
