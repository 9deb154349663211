"""The idle auto-stop decision: a pure function over what the agent observed."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.remote import idle
from app.core.remote.bootstrap import BootstrapOptions, script_text

NOW = 1_800_000_000.0
MINUTE = 60.0
BOOTED_LONG_AGO = NOW - 24 * 3600


def observe(**fields: object) -> object:
    values: dict[str, object] = {"boot_time": BOOTED_LONG_AGO, "gpu_utilisation": (0.0,)}
    values.update(fields)
    return idle.Observation(**values)


def kernel(state: str = "idle", minutes_ago: float = 120) -> object:
    return idle.Kernel(
        id="4f1c2a9e-kernel", execution_state=state, last_activity=NOW - minutes_ago * MINUTE
    )


def test_nothing_active_past_the_threshold_stops_and_says_what_was_checked() -> None:
    decision = idle.decide(observe(kernels=(kernel(minutes_ago=90),)), NOW, 60)
    assert decision.stop is True
    assert decision.reasons == [
        "no busy kernel (1 running)",
        "no GPU above 5%",
        "no interactive SSH login",
        "idle 90 min since kernel 4f1c2a9e, threshold 60 min",
    ]


@pytest.mark.parametrize(
    ("observation", "reason"),
    [
        (observe(kernels=(kernel("busy", minutes_ago=300),)), "kernel 4f1c2a9e is busy"),
        (observe(kernels=(kernel(minutes_ago=10),)), "last activity (kernel 4f1c2a9e) 10 min ago"),
        (observe(gpu_utilisation=(2.0, 97.0)), "GPU 1 at 97% (threshold 5%)"),
        (observe(ssh_sessions=("ubuntu pts/0",)), "interactive SSH login: ubuntu pts/0"),
        (observe(terminal_activity=(NOW - 5 * MINUTE,)), "last activity (terminal) 5 min ago"),
        (observe(boot_time=NOW - 3 * MINUTE), "last activity (boot) 3 min ago"),
    ],
    ids=["busy-kernel", "recent-kernel", "busy-gpu", "ssh-login", "terminal", "just-booted"],
)
def test_any_activity_keeps_the_machine_up(observation: object, reason: str) -> None:
    decision = idle.decide(observation, NOW, 60)
    assert decision.stop is False
    assert any(r.startswith(reason) for r in decision.reasons), decision.reasons


def test_gpu_noise_below_the_threshold_is_idle() -> None:
    assert idle.decide(observe(gpu_utilisation=(3.0, 4.0)), NOW, 60).stop is True
    assert idle.decide(observe(gpu_utilisation=(3.0, 4.0)), NOW, 60, gpu_threshold=2).stop is False


def test_no_gpu_and_no_jupyter_still_decide_on_what_is_left() -> None:
    decision = idle.decide(observe(gpu_utilisation=None, jupyter_answered=False), NOW, 60)
    assert decision.stop is True
    assert "no GPU found" in decision.reasons
    assert "Jupyter did not answer" in decision.reasons


@given(
    states=st.lists(st.sampled_from(["idle", "busy", "starting"]), max_size=4),
    ages=st.lists(st.floats(min_value=0, max_value=1e5), min_size=4, max_size=4),
    gpu=st.one_of(st.none(), st.lists(st.floats(min_value=0, max_value=100), max_size=3)),
    minutes=st.floats(min_value=1, max_value=24 * 60),
)
def test_stopping_always_means_idle_long_enough_and_nothing_busy(
    states: list[str], ages: list[float], gpu: list[float] | None, minutes: float
) -> None:
    kernels = tuple(
        idle.Kernel(id=f"k{i}", execution_state=s, last_activity=NOW - ages[i])
        for i, s in enumerate(states)
    )
    observation = observe(kernels=kernels, gpu_utilisation=None if gpu is None else tuple(gpu))
    decision = idle.decide(observation, NOW, minutes)
    if decision.stop:
        assert decision.idle_seconds >= minutes * MINUTE
        assert all(k.execution_state == "idle" for k in kernels)
        assert all(u <= idle.DEFAULT_GPU_THRESHOLD for u in gpu or ())
    else:
        assert decision.reasons


def test_the_agent_sent_to_the_instance_is_the_file_the_app_decides_with() -> None:
    source = idle.agent_source()
    assert idle.agent_path().name == "idle_agent.py"
    assert idle.decide.__module__ == "app.core.remote.idle"
    assert idle.Observation.__module__ == idle.AGENT_MODULE
    assert idle.compact_agent_source().rstrip() in script_text(
        BootstrapOptions(idle_stop_minutes=60)
    )
    assert "def decide(" in source


def test_the_compact_agent_the_instance_gets_decides_as_the_documented_file(
    tmp_path: Path,
) -> None:
    # The script carries the agent without docstrings and comments (EC2's 16 KB user data):
    # run both on this machine and compare what they decide.
    compact = tmp_path / "agent.py"
    compact.write_text(idle.compact_agent_source())
    assert len(compact.read_text()) < len(idle.agent_source())
    args = ["--minutes", "0", "--url", "http://127.0.0.1:9", "--dry-run", "--json"]

    def decision(path: Path) -> dict[str, object]:
        out = subprocess.run(
            [sys.executable, str(path), *args], capture_output=True, text=True, check=True
        ).stdout
        report: dict[str, object] = json.loads(out)
        report.pop("time")
        report.pop("idle_seconds")  # since boot, to the moment each ran
        return report

    assert decision(compact) == decision(idle.agent_path())


def test_the_compact_agent_only_leaves_lines_out_so_the_instances_old_python_reads_it(
    tmp_path: Path,
) -> None:
    # Rewritten code (ast.unparse on Python 3.12+) can use f-strings Python 3.8 cannot read;
    # lines left out or cut before a comment cannot.
    original = idle.agent_source().splitlines()
    compact = idle.compact_agent_source().splitlines()[2:]  # after its two header lines
    assert all(any(line == o or o.startswith(line + " ") for o in original) for line in compact)
    assert '"""' not in "\n".join(compact)  # no docstrings
    old_python = shutil.which("python3.8")
    works = old_python and subprocess.run([old_python, "-c", "pass"], capture_output=True)
    if not old_python or not works or works.returncode != 0:  # pyenv's shim without 3.8
        pytest.skip("no Python 3.8 here to read the compact agent with")
    path = tmp_path / "agent.py"
    path.write_text(idle.compact_agent_source())
    subprocess.run([old_python, "-m", "py_compile", str(path)], check=True)
