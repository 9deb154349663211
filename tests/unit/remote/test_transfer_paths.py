"""Where a remote path of ``ec2nb push / pull`` lands: inside the notebook folder, or refused."""

from __future__ import annotations

import pytest

from app.core.errors import WizardError
from app.core.remote.transfer import human_size, human_time, resolve_remote

BASE = "/home/ubuntu/work"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (".", BASE),
        ("data", f"{BASE}/data"),
        ("data/../models/a.pt", f"{BASE}/models/a.pt"),
        ("/tmp/x", "/tmp/x"),  # absolute: the user asked for it
        ("/home/ubuntu/../../etc", "/etc"),
    ],
)
def test_paths_resolve_in_the_notebook_folder(path: str, expected: str) -> None:
    assert resolve_remote(BASE, path) == expected


@pytest.mark.parametrize("path", ["..", "../work2", "data/../../x", "../work-other/a"])
def test_a_relative_path_that_leaves_the_folder_is_refused(path: str) -> None:
    with pytest.raises(WizardError) as error:
        resolve_remote(BASE, path)
    assert error.value.code == "remote-path-outside"


def test_sizes_and_times_read_as_people_write_them() -> None:
    assert human_size(999) == "999 B"
    assert human_size(200_000_000) == "200.0 MB"
    assert human_time(None) == "?"
    assert human_time(75) == "1 min 15 s"
    assert human_time(7300) == "2 h 01 min"
