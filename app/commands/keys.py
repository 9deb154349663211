"""``ec2nb convert-key`` and ``ec2nb keygen``: PuTTYgen's conversions without PuTTYgen."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# A passphrase is a line of text; a file much bigger than this is the wrong file.
MAX_PASSPHRASE_FILE_BYTES = 64 * 1024
_FORMAT_NAMES = {"ppk": "PuTTY key", "openssh": "OpenSSH private key", "pem": "PEM private key"}


def register(subparsers: Any) -> None:
    """Add the key commands to the ``ec2nb`` parser."""
    convert = subparsers.add_parser(
        "convert-key",
        help="convert a private key between .pem/OpenSSH and PuTTY .ppk",
        description="Convert a private key (PEM, PKCS#8, OpenSSH or PuTTY .ppk) to a PuTTY .ppk "
        "(default) or an OpenSSH/PEM file. The output is written owner-only.",
    )
    convert.add_argument("input", type=Path, metavar="INPUT", help="the private key to convert")
    convert.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUTPUT",
        help="where to write (default: INPUT with .ppk, or .pem, beside it)",
    )
    convert.add_argument(
        "--to",
        choices=("ppk", "openssh", "pem"),
        default="ppk",
        help="output format (default ppk; pem is PKCS#1 for RSA, as EC2 hands out)",
    )
    convert.add_argument(
        "--ppk-version",
        type=int,
        choices=(2, 3),
        default=3,
        help="PuTTY format version: 3 (PuTTY 0.75 and later, default) or 2 (old PuTTY, WinSCP)",
    )
    convert.add_argument("--comment", help="key comment (default: the key's own, or its name)")
    convert.add_argument(
        "--passphrase-file", type=Path, metavar="F", help="file holding the INPUT's passphrase"
    )
    convert.add_argument(
        "--new-passphrase-file",
        type=Path,
        metavar="F",
        help="file holding a passphrase to encrypt the output with",
    )
    convert.add_argument("--force", action="store_true", help="replace OUTPUT if it exists")
    convert.set_defaults(handler=convert_key)

    keygen = subparsers.add_parser(
        "keygen",
        help="generate a new key pair: PATH, PATH.pub and PATH.ppk",
        description="Generate a key pair and write PATH (OpenSSH private key, owner-only), "
        "PATH.pub (the public line for EC2 ImportKeyPair) and PATH.ppk (for PuTTY).",
    )
    keygen.add_argument("path", type=Path, metavar="PATH")
    keygen.add_argument(
        "--type",
        choices=("ed25519", "rsa"),
        default="ed25519",
        help="ed25519 (default) or rsa (RSA-4096)",
    )
    keygen.add_argument("--comment", help="key comment (default: the file name)")
    keygen.add_argument("--ppk-version", type=int, choices=(2, 3), default=3)
    keygen.add_argument(
        "--new-passphrase-file", type=Path, metavar="F", help="file holding a passphrase"
    )
    keygen.add_argument("--force", action="store_true", help="replace existing files")
    keygen.set_defaults(handler=keygen_command)


def read_passphrase_file(path: Path | None) -> str | None:
    """The passphrase in ``path``, without one trailing newline (and a BOM from Notepad)."""
    if path is None:
        return None
    from app.core.errors import WizardError
    from app.core.redact import register_secret
    from app.core.small_files import display_path, read_small_file

    try:
        # A regular file only: a FIFO would hang, /dev/zero would fill the memory.
        data = read_small_file(path, limit=MAX_PASSPHRASE_FILE_BYTES)
    except WizardError as exc:
        if exc.code == "not-found":
            exc.message = f"There is no passphrase file {display_path(path)}."
        raise
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # Not repr(exc): it quotes the bytes around the error, which are the passphrase.
        raise WizardError(
            f"The passphrase file {display_path(path)} is not UTF-8 text.",
            detail=f"invalid UTF-8 at byte {exc.start}",
            code="cannot-read",
        ) from None
    if text.endswith("\r\n"):
        text = text[:-2]
    elif text.endswith("\n"):
        text = text[:-1]
    register_secret(text)
    return text


@contextlib.contextmanager
def _force_hint(option_hint: str) -> Iterator[None]:
    """Name the command-line option that allows replacing an existing file."""
    from app.core.errors import WizardError

    try:
        yield
    except WizardError as exc:
        if exc.code == "exists":
            exc.hint = option_hint
        raise


def _default_output(source: Path, to: str) -> Path:
    return source.with_suffix(".ppk" if to == "ppk" else ".pem")


def convert_key(args: argparse.Namespace) -> int:
    from app.core import keys
    from app.core.keys.files import write_private_file
    from app.core.small_files import display_path

    passphrase = read_passphrase_file(args.passphrase_file)
    new_passphrase = read_passphrase_file(args.new_passphrase_file)
    loaded = keys.load_private_key(args.input, passphrase)
    output: Path = args.output or _default_output(args.input, args.to)
    comment = args.comment if args.comment is not None else loaded.comment or args.input.stem
    comment = display_path(comment)  # a comment is UTF-8 text; a Linux file name may not be
    if args.to == "ppk":
        text = keys.to_ppk(
            loaded.key, comment=comment, version=args.ppk_version, passphrase=new_passphrase
        )
        kind = f"PuTTY key v{args.ppk_version}"
    elif args.to == "openssh":
        text = keys.to_openssh(loaded.key, comment=comment, passphrase=new_passphrase)
        kind = _FORMAT_NAMES["openssh"]
    else:
        text = keys.to_pem(loaded.key, passphrase=new_passphrase)
        kind = _FORMAT_NAMES["pem"]
    with _force_hint("Use --force to replace it, or -o to write elsewhere."):
        write_private_file(output, text, overwrite=args.force)
    protection = ", passphrase-protected" if new_passphrase else ""
    print(
        f"Wrote {display_path(output)} ({kind}{protection}, {keys.describe(loaded.key)}, "
        f"{keys.sha256_fingerprint(loaded.key)})"
    )
    return 0


def keygen_command(args: argparse.Namespace) -> int:
    from app.core import keys
    from app.core.small_files import display_path

    passphrase = read_passphrase_file(args.new_passphrase_file)
    key = keys.generate_key(args.type)
    comment = display_path(args.comment if args.comment is not None else args.path.name)
    with _force_hint("Use --force to replace them, or choose another PATH."):
        files = keys.save_key_files(
            key,
            args.path,
            comment=comment,
            ppk_version=args.ppk_version,
            passphrase=passphrase,
            overwrite=args.force,
        )
    print(f"Private key (OpenSSH): {display_path(files.private_path)}")
    print(f"Public key:            {display_path(files.public_path)}")
    print(f"PuTTY key (v{args.ppk_version}):        {display_path(files.ppk_path)}")
    print(f"{keys.describe(key)} {keys.sha256_fingerprint(key)}")
    return 0
