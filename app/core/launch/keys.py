"""The launch's key-pair step: a new local key imported to AWS, a key pair AWS creates, or an
existing key pair the user brings.

Like every step it reads the journal first: key files and a key pair an earlier, interrupted run
made are reused, not made again.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.errors import WizardError
from app.core.launch.journal import CreatedResources, LaunchJournal
from app.core.plan import KeyChoice, LaunchPlan
from app.core.sentence import QT_TRANSLATE_NOOP, Sentence

if TYPE_CHECKING:
    import boto3

    from app.core.keys import PrivateKey

#: A step's note for what an earlier, interrupted run of the launch already made.
FROM_BEFORE = QT_TRANSLATE_NOOP("core", "{resource} (from before)")
_KEY_SAVED = QT_TRANSLATE_NOOP("core", "{key_name}, private key in {path}")


class KeyPairWork:
    """The key pair of one launch; ``key`` is its private key once the step ran."""

    def __init__(
        self, plan: LaunchPlan, journal: LaunchJournal, key_passphrase: str | None = None
    ) -> None:
        self.plan = plan
        self.journal = journal
        self.key_passphrase = key_passphrase
        self.region = plan.region
        self.session: boto3.Session | None = None
        self.key: PrivateKey | None = None
        self._loaded: dict[Path, PrivateKey] = {}

    def key_file_to_read(self) -> Path | None:
        """The private key file this launch will read (not make), if any: the user's own, or
        the one an earlier run of this launch saved."""
        if self.plan.key_choice is KeyChoice.EXISTING:
            return Path(self.plan.key_path or "").expanduser()
        saved = self.resources.key_files.get("private")
        return Path(saved) if saved and Path(saved).exists() else None

    def unlock(self) -> None:
        """Read that key file now, before anything is created, so that a missing or wrong
        passphrase (or a bad file) fails the launch while there is nothing to clean up."""
        path = self.key_file_to_read()
        if path is not None:
            self._load(path)

    def _load(self, path: Path) -> PrivateKey:
        """The private key in ``path``, read once per launch (an encrypted one costs a KDF run)."""
        from app.core.keys import load_private_key

        if path not in self._loaded:
            self._loaded[path] = load_private_key(path, self.key_passphrase).key
        return self._loaded[path]

    @property
    def _aws(self) -> boto3.Session:
        if self.session is None:
            raise RuntimeError("key_pair() sets the session")
        return self.session

    @property
    def resources(self) -> CreatedResources:
        return self.journal.resources

    def needs_local_key(self) -> bool:
        return self.plan.key_choice is KeyChoice.NEW_LOCAL and not self.resources.key_files

    def local_key(self) -> PrivateKey:
        """A new key for this launch (generating RSA-4096 takes a moment: started early)."""
        from app.core.keys import generate_key

        return generate_key(self.plan.key_type)

    def key_pair(self, session: boto3.Session, new_key: PrivateKey | None) -> Sentence:
        """Make or reuse the key pair; ``new_key`` is the key generated in the background."""
        self.session = session
        resources = self.resources
        if self.plan.key_choice is KeyChoice.EXISTING:
            return self._existing_key_pair()
        private_path = Path(resources.key_files.get("private") or self._default_key_path())
        if resources.key_name and private_path.exists():
            self.key = self._load(private_path)
            if resources.key_pair_created and not resources.instance_id:
                # A resumed launch whose pair a clean-up (maybe on another computer) deleted:
                # import its public half again (idempotent: a pair that is there is kept).
                self._import_key_pair()
            return FROM_BEFORE.format(resource=resources.key_name)
        if self.plan.key_choice is KeyChoice.AWS_CREATED:
            return self._aws_created_key_pair(private_path)
        if private_path.exists() and resources.key_files:
            self.key = self._load(private_path)
        else:
            self._save_new_key(new_key, private_path)
        return self._import_key_pair()

    def _default_key_path(self) -> Path:
        from app.core.paths import keys_dir

        if self.plan.key_path:
            return Path(self.plan.key_path).expanduser()
        return keys_dir() / f"ec2nb-{self.journal.launch_id}"

    def _save_new_key(self, new_key: PrivateKey | None, path: Path) -> None:
        from app.core.keys import save_key_files

        self.key = new_key if new_key is not None else self.local_key()
        files = save_key_files(
            self.key,
            path,
            comment=f"ec2nb-{self.journal.launch_id}",
            ppk_version=self.plan.ppk_version,
            passphrase=self.key_passphrase,
        )
        self.resources.key_files = {
            "private": str(files.private_path),
            "public": str(files.public_path),
            "ppk": str(files.ppk_path),
        }
        self.resources.key_files_created = True
        self.journal.save()

    def _import_key_pair(self) -> Sentence:
        from app.core.aws.provisioning import import_key_pair
        from app.core.keys import public_openssh_line

        assert self.key is not None  # loaded or made just before
        line = public_openssh_line(self.key, f"ec2nb-{self.journal.launch_id}")
        name = import_key_pair(self._aws, self.region, self.journal.launch_id, line)
        self.resources.key_name, self.resources.key_pair_created = name, True
        self.journal.save()
        return _KEY_SAVED.format(key_name=name, path=self.resources.key_files["private"])

    def _aws_created_key_pair(self, path: Path) -> Sentence:
        from app.core.aws.provisioning import create_key_pair
        from app.core.keys import load_private_key, save_key_files

        pem_path = path.with_suffix(".pem") if path.suffix != ".pem" else path
        name = create_key_pair(
            self._aws, self.region, self.journal.launch_id, self.plan.key_type, pem_path
        )
        self.resources.key_name, self.resources.key_pair_created = name, True
        self.resources.key_files = {"private": str(pem_path)}
        self.resources.key_files_created = True
        self.journal.save()
        self.key = load_private_key(pem_path).key
        # A PuTTY copy beside it, as PuTTYgen would make (OpenSSH + .ppk under another stem).
        with contextlib.suppress(WizardError):
            files = save_key_files(
                self.key, path.with_suffix(""), comment=name, ppk_version=self.plan.ppk_version
            )
            self.resources.key_files.update(public=str(files.public_path), ppk=str(files.ppk_path))
            self.journal.save()
        return _KEY_SAVED.format(key_name=name, path=pem_path)

    def _existing_key_pair(self) -> Sentence:
        from app.core.aws.provisioning import verify_key_pair

        path = Path(self.plan.key_path or "").expanduser()
        self.key = self._load(path)
        name = self.plan.existing_key_name or ""
        if self.resources.key_name != name:
            verify_key_pair(self._aws, self.region, name, self.key)
        self.resources.key_name, self.resources.key_pair_created = name, False
        self.resources.key_files = {"private": str(path)}
        self.resources.key_files_created = False
        self.journal.save()
        return QT_TRANSLATE_NOOP("core", "{key_name} matches {file}").format(
            key_name=name, file=path.name
        )
