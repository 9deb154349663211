"""Pure rules: host keys in console output, the default GPU type, tags, credentials."""

from __future__ import annotations

import base64

from app.core.aws.catalog import GpuType
from app.core.aws.console import parse_host_keys
from app.core.aws.preselect import default_gpu_type
from app.core.aws.quotas import QuotaState, bucket_of
from app.core.aws.session import Credentials
from app.core.aws.tags import check_launch_id, launch_tags, new_launch_id
from app.core.redact import redact

ED25519 = (
    "ssh-ed25519 "
    + base64.b64encode(b"\x00\x00\x00\x0bssh-ed25519\x00\x00\x00\x20" + bytes(range(32))).decode()
)
ECDSA = (
    "ecdsa-sha2-nistp256 "
    + base64.b64encode(
        b"\x00\x00\x00\x13ecdsa-sha2-nistp256\x00\x00\x00\x08nistp256\x00\x00\x00\x41\x04"
        + bytes(64)
    ).decode()
)


def _block(*lines: str, prefix: str = "") -> str:
    body = "\n".join(f"{prefix}{line} root@ip-172-31-5-9" for line in lines)
    return f"-----BEGIN SSH HOST KEY KEYS-----\n{body}\n-----END SSH HOST KEY KEYS-----\n"


def test_host_keys_between_the_markers() -> None:
    text = "boot...\n" + _block(ECDSA, ED25519) + "Cloud-init finished\n"
    assert parse_host_keys(text) == [ECDSA, ED25519]


def test_console_prefixes_and_windows_line_ends_are_tolerated() -> None:
    text = _block(ED25519, prefix="[   40.1] cloud-init[900]: ").replace("\n", "\r\n")
    assert parse_host_keys(text) == [ED25519]


def test_no_block_or_an_unfinished_block_gives_nothing() -> None:
    assert parse_host_keys("Linux version 6.8\n") == []
    assert parse_host_keys("-----BEGIN SSH HOST KEY KEYS-----\n" + ED25519 + "\n") == []


def test_the_last_block_wins_after_a_reboot() -> None:
    assert parse_host_keys(_block(ECDSA) + "reboot\n" + _block(ED25519)) == [ED25519]


def test_a_line_whose_blob_lies_about_its_type_is_dropped() -> None:
    liar = "ssh-rsa " + ED25519.split()[1]
    assert parse_host_keys(_block(liar, ED25519)) == [ED25519]


def test_dsa_and_fingerprint_lines_are_not_keys() -> None:
    text = _block("ssh-dss AAAAB3NzaC1kc3MAAACBAP", "256 SHA256:abcdef root@ip (ED25519)", ED25519)
    assert parse_host_keys(text) == [ED25519]


def _gpu(name: str, price: float | None, **changes: object) -> GpuType:
    values: dict[str, object] = {
        "instance_type": name,
        "family": name.split(".")[0],
        "gpu_maker": "NVIDIA",
        "gpu_model": "T4",
        "gpu_count": 1,
        "gpu_memory_gib": 16.0,
        "vcpus": 4,
        "memory_gib": 16.0,
        "architecture": "x86_64",
        "zones": ["us-east-1a"],
        "on_demand_price": price,
        "spot_prices": {},
        "price_source": "pricing-api",
        "current_generation": True,
    }
    values.update(changes)
    return GpuType(**values)  # type: ignore[arg-type]


def test_default_is_the_cheapest_suitable_type() -> None:
    types = [
        _gpu("g5.xlarge", 1.006, gpu_model="A10G", gpu_memory_gib=22.35),
        _gpu("g4dn.xlarge", 0.526),
        _gpu("g4ad.xlarge", 0.379, gpu_maker="AMD", gpu_memory_gib=8.0),  # not NVIDIA
        _gpu("g5g.xlarge", 0.42, architecture="arm64"),  # not the image's architecture
        _gpu("g3s.xlarge", 0.75, gpu_memory_gib=8.0, current_generation=False),
        _gpu("g4dn.12xlarge", 3.912, gpu_count=4),
        _gpu("g6f.large", 0.2, gpu_count=0, gpu_memory_gib=2.79),  # a fraction of a GPU
        _gpu("gr6.4xlarge", 0.3, zones=[]),  # not offered in any zone
    ]
    chosen = default_gpu_type(types)
    assert chosen is not None
    assert chosen.instance_type == "g4dn.xlarge"


def test_default_skips_types_over_quota_and_handles_unknown_prices() -> None:
    short = QuotaState("short", "L-DB2E81BA", "G", 0, 0, 4, "")
    types = [_gpu("g4dn.xlarge", 0.526), _gpu("g6.xlarge", 0.8), _gpu("g5.xlarge", None)]
    chosen = default_gpu_type(types, {"g4dn.xlarge": short})
    assert chosen is not None
    assert chosen.instance_type == "g6.xlarge"
    assert default_gpu_type([_gpu("g5.xlarge", None)]) is not None
    assert default_gpu_type([]) is None


def test_quota_buckets() -> None:
    assert [bucket_of(t) for t in ("g4dn.xlarge", "gr6.4xlarge", "vt1.3xlarge", "p5.48xlarge")] == [
        "G", "G", "G", "P",
    ]  # fmt: skip
    assert bucket_of("inf2.xlarge") is None


def test_launch_ids_and_tags() -> None:
    launch_id = check_launch_id(new_launch_id())
    assert launch_id != new_launch_id()
    tags = {t["Key"]: t["Value"] for t in launch_tags(launch_id, {"Project": "thesis"})}
    assert tags == {
        "ec2nb:managed": "true",
        "ec2nb:launch-id": launch_id,
        "Name": f"ec2nb-{launch_id}",
        "Project": "thesis",
    }


def test_pasted_secrets_never_show() -> None:
    secret = "q8VnM2xYb3RkZ0FhcGlLZXlTZWNyZXQxMjM0NTY3"
    token = "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD" + "x" * 60
    creds = Credentials(
        access_key_id=" AKIAIOSFODNN7EXAMPLE\n", secret_access_key=secret, session_token=token
    )
    assert creds.access_key_id == "AKIAIOSFODNN7EXAMPLE"  # pasted whitespace is dropped
    assert secret not in repr(creds)
    assert token not in repr(creds)
    assert secret not in redact(f"a log line with {secret} in it")


def test_quota_codes_per_family_and_market() -> None:
    from app.core.aws.quota_codes import quota_for

    expected = {
        ("g4dn.xlarge", "on-demand"): "L-DB2E81BA",
        ("vt1.3xlarge", "on-demand"): "L-DB2E81BA",
        ("g6e.xlarge", "spot"): "L-3819A6DF",
        ("p4d.24xlarge", "on-demand"): "L-417A185B",
        ("p5.48xlarge", "on-demand"): "L-417A185B",
        ("p3dn.24xlarge", "spot"): "L-7212CCBC",
        ("p4de.24xlarge", "spot"): "L-7212CCBC",
        ("p5.4xlarge", "spot"): "L-C4BD4855",
        ("p5e.48xlarge", "spot"): "L-C4BD4855",
        ("p5en.48xlarge", "spot"): "L-C4BD4855",
        ("dl1.24xlarge", "on-demand"): "L-6E869C2A",
        ("dl1.24xlarge", "spot"): "L-85EED4F7",
    }
    found = {key: getattr(quota_for(*key), "code", None) for key in expected}
    assert found == expected
    assert quota_for("p6-b200.48xlarge", "spot") is None  # AWS documents no P6 spot quota
    assert quota_for("inf2.xlarge", "on-demand") is None


def _rsa_line(bits: int = 2048) -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=bits).public_key()
    return key.public_bytes(
        serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH
    ).decode()


def test_a_key_cut_short_on_the_console_is_skipped_not_taken_for_another_key() -> None:
    """A console line cut short (another writer, the buffer's end) still decodes as base64 when
    the cut falls on a multiple of 4 characters; it must not become a key to compare with."""
    rsa_line = _rsa_line()
    blob = rsa_line.split()[1]
    for cut in (len(blob) - 4, len(blob) - 40, 200):
        short_rsa = "ssh-rsa " + blob[:cut]
        assert parse_host_keys(_block(short_rsa, ED25519)) == [ED25519]
    short_ed = "ssh-ed25519 " + ED25519.split()[1][:-8]
    assert parse_host_keys(_block(short_ed)) == []
    short_ecdsa = "ecdsa-sha2-nistp256 " + ECDSA.split()[1][:-12]
    assert parse_host_keys(_block(short_ecdsa, ED25519)) == [ED25519]
    assert parse_host_keys(_block(rsa_line)) == [rsa_line]


def test_text_glued_onto_a_key_by_another_writer_makes_it_no_key() -> None:
    glued = ED25519 + "Cl0udInit"  # letters only: they extend the base64 run
    assert parse_host_keys(_block(glued)) == []
    longer = base64.b64decode(ECDSA.split()[1]) + b"\x00\x00\x00\x01"
    longer_ecdsa = "ecdsa-sha2-nistp256 " + base64.b64encode(longer).decode()
    assert parse_host_keys(_block(longer_ecdsa, ED25519)) == [ED25519]
