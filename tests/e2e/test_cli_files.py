"""``ec2nb push`` / ``ec2nb pull`` as a user runs them, on a launch's instance (the stand-in)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.cli_process import CliProcess, launch_args, run_ec2nb
from tests.integration.launch.stand_in import StandIn


def test_push_and_pull_files_and_folders_of_a_launch(stand_in: StandIn, tmp_path: Path) -> None:
    env = stand_in.env()
    launch = CliProcess(
        launch_args(stand_in.host_fingerprint, "--json"), env, tmp_path / "launch-stderr.txt"
    )
    launch_id = ""
    try:
        launch_id = launch.event("ready")["launch_id"]
        notebook_folder = stand_in.remote_home / launch_id / "work"  # the work disk
        project = tmp_path / "project"
        (project / "data").mkdir(parents=True)
        (project / "train.ipynb").write_text('{"cells": []}')
        (project / "data" / "a.csv").write_text("x,y\n1,2\n")

        pushed = run_ec2nb(["push", launch_id, str(project), "--to", "uploads", "--json"], env)
        assert pushed.returncode == 0, pushed.stderr
        done = json.loads(pushed.stdout.splitlines()[-1])
        assert done["event"] == "done"
        assert len(done["files"]) == 2
        uploaded = notebook_folder / "uploads" / "project"
        assert (uploaded / "data" / "a.csv").read_text() == "x,y\n1,2\n"

        down = tmp_path / "down"
        pulled = run_ec2nb(["pull", launch_id, "uploads/project", "--to", str(down)], env)
        assert pulled.returncode == 0, pulled.stderr
        assert "Downloaded 2 file(s)" in pulled.stdout
        assert (down / "project" / "train.ipynb").read_text() == '{"cells": []}'

        outside = run_ec2nb(["pull", launch_id, "../../etc/hostname", "--to", str(down)], env)
        assert outside.returncode == 1
        assert "outside the notebook folder" in outside.stderr
        assert not (down / "hostname").exists()
    finally:
        if launch_id:
            run_ec2nb(["terminate", launch_id, "--yes"], env)
        launch.close()
