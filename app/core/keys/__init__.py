"""SSH keys: generate, load (PEM, PKCS#8, OpenSSH, PuTTY .ppk), convert, fingerprint, save.

The API of docs/core-api.md "Keys"; the submodules are implementation detail.
"""

from __future__ import annotations

from app.core.keys.files import (
    KeyFiles,
    key_file_paths,
    save_key_files,
    write_private_file,
    write_public_file,
)
from app.core.keys.fingerprints import (
    ec2_fingerprint,
    ec2_fingerprints,
    fingerprints_match,
    public_openssh_line,
    sha256_fingerprint,
)
from app.core.keys.generate import KEY_TYPES, generate_key
from app.core.keys.key_blobs import PrivateKey, PublicKey, describe, public_blob, ssh_algorithm
from app.core.keys.loading import LoadedKey, load_private_key
from app.core.keys.openssh import to_openssh
from app.core.keys.pem import to_pem
from app.core.keys.ppk import PPK_VERSIONS, to_ppk
from app.core.keys.ppk_crypto import Argon2Params

__all__ = [
    "KEY_TYPES",
    "PPK_VERSIONS",
    "Argon2Params",
    "KeyFiles",
    "LoadedKey",
    "PrivateKey",
    "PublicKey",
    "describe",
    "ec2_fingerprint",
    "ec2_fingerprints",
    "fingerprints_match",
    "generate_key",
    "key_file_paths",
    "load_private_key",
    "public_blob",
    "public_openssh_line",
    "save_key_files",
    "sha256_fingerprint",
    "ssh_algorithm",
    "to_openssh",
    "to_pem",
    "to_ppk",
    "write_private_file",
    "write_public_file",
]
