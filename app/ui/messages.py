"""The core's error messages in the user's language.

The core raises ``WizardError(message, code=..., hint=..., params=...)`` in English. Here each
``code`` lists the English sentences raised with it, exactly as the core writes them with
``{name}`` where a value goes; :func:`error_text` finds the one that was raised (from
``params``, or by reading the values back out of the message), and fills its translation
(context "CoreMessages") with the same values. A sentence or code not listed here is shown as
the core wrote it, so a new core message is never lost, only untranslated.
"""

from __future__ import annotations

import re
from functools import cache

from app.core.errors import WizardError
from app.ui.core_sentences import core_problem, core_value
from app.ui.message_templates import (
    QT_TRANSLATE_NOOP,
    MessageTemplate,
    by_specificity,
    translate_with,
)

CONTEXT = "CoreMessages"


# What app.core.small_files says about a path that is not a small regular file; raised with the
# caller's code (not-a-key for key files, not-a-file otherwise).
_NOT_A_FILE = (
    QT_TRANSLATE_NOOP("CoreMessages", "{source} is a folder, not a file."),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "{source} is not a regular file (it is a device, a pipe or a socket), so it was not read.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "{source} is too big ({size} bytes); a file this big is not read (the limit is {limit} "
        "bytes).",
    ),
)

# Each entry: QT_TRANSLATE_NOOP("CoreMessages", "<the core's sentence>").
ERRORS: dict[str, tuple[str, ...]] = {
    # -- credentials and account (app/core/aws/errors.py, session.py, profiles.py) ------------
    "bad-credentials": (
        QT_TRANSLATE_NOOP("CoreMessages", "AWS does not recognise this access key."),
        QT_TRANSLATE_NOOP(
            "CoreMessages", "The secret access key does not match the access key ID."
        ),
        QT_TRANSLATE_NOOP("CoreMessages", "AWS did not accept these credentials."),
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "The AWS credentials are incomplete (an access key without its secret?).",
        ),
        QT_TRANSLATE_NOOP(
            "CoreMessages", "Paste both the access key ID and the secret access key."
        ),
    ),
    "expired-credentials": (
        QT_TRANSLATE_NOOP("CoreMessages", "These temporary AWS credentials have expired."),
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "The request or its temporary credentials expired before AWS received it.",
        ),
    ),
    "sso-login-needed": (
        QT_TRANSLATE_NOOP("CoreMessages", "The AWS SSO sign-in for profile {profile} has expired."),
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "The AWS SSO sign-in for profile {profile} has expired or was never made.",
        ),
    ),
    "no-credentials": (QT_TRANSLATE_NOOP("CoreMessages", "No AWS credentials were found."),),
    "profile-not-found": (
        QT_TRANSLATE_NOOP("CoreMessages", "There is no AWS profile named {profile}."),
    ),
    "no-region": (QT_TRANSLATE_NOOP("CoreMessages", "No AWS region was chosen."),),
    "invalid-profile-name": (
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "'{name}' cannot be a profile name: use letters, digits, '-', '_' or '.'.",
        ),
    ),
    "invalid-profile": (
        QT_TRANSLATE_NOOP(
            "CoreMessages", "Only a pasted access key pair can be saved as a profile."
        ),
    ),
    "profile-exists": (
        QT_TRANSLATE_NOOP(
            "CoreMessages", "A profile named '{name}' exists already; it was left unchanged."
        ),
    ),
    "unauthorized": (
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "Your AWS identity is not allowed to {action} (missing permission {permission}).",
        ),
    ),
    "opt-in-required": (
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "Your account is not subscribed to this: the region {region} is not enabled, or the "
            "machine image needs a Marketplace subscription.",
        ),
        QT_TRANSLATE_NOOP("CoreMessages", "The region {region} is not enabled for your account."),
    ),
    "account-not-ready": (
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "AWS is still verifying your account, so it cannot start instances in {region} yet.",
        ),
        QT_TRANSLATE_NOOP("CoreMessages", "AWS has blocked this account from starting instances."),
    ),
    # -- quotas and capacity -------------------------------------------------------------------
    "vcpu-quota": (
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "Your account's vCPU quota for {family} instances in {region} is too low to start "
            "this machine. New accounts start with 0 vCPUs for GPU instances.",
        ),
    ),
    "spot-quota": (
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "Your account's spot vCPU quota for {family} instances in {region} is too low.",
        ),
    ),
    "no-capacity": (
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "AWS has no free {instance_type} machines in {region} right now (every zone was "
            "tried).",
        ),
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "{instance_type} cannot be launched in any zone of {region} that was tried.",
        ),
        QT_TRANSLATE_NOOP(
            "CoreMessages", "{instance_type} is not offered in any zone of {region}."
        ),
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "The default subnets of {region} have no free IP address left for a new machine "
            "(every zone was tried).",
        ),
    ),
    "instance-limit": (
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "Your account may not run more instances in {region} now: its instance limit is "
            "reached.",
        ),
    ),
    "no-spot-capacity": (
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "The spot price for {instance_type} in {region} is above the price you allowed.",
        ),
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "There is no spot capacity for {instance_type} in any zone of {region} now.",
        ),
    ),
    "bad-instance-type": (
        QT_TRANSLATE_NOOP("CoreMessages", "{instance_type} is not offered in {region}."),
        QT_TRANSLATE_NOOP("CoreMessages", "{instance_types} are not offered in {region}."),
    ),
    "architecture-mismatch": (
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "{instance_type} runs {type_architecture} programs, but the machine image "
            "{image_id} is for {image_architecture}.",
        ),
    ),
    "image-type-mismatch": (
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "The machine image {image_name} does not support {instance_type}; it supports "
            "{supported}.",
        ),
    ),
    # -- machine image, key pair, security group, network -------------------------------------
    "bad-ami": (
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "The machine image {image_id} cannot be used in {region}: it does not exist there, "
            "is malformed, or is no longer available.",
        ),
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "The machine image {image_id} does not exist in {region} or is not shared with your "
            "account.",
        ),
        QT_TRANSLATE_NOOP(
            "CoreMessages", "The machine image {image_id} is {state}, not available."
        ),
        QT_TRANSLATE_NOOP(
            "CoreMessages", "{image_id} is a Windows image; the notebook needs a Linux image."
        ),
        QT_TRANSLATE_NOOP(
            "CoreMessages", "No current Deep Learning image {flavour} was found in {region}."
        ),
        QT_TRANSLATE_NOOP("CoreMessages", "No current Deep Learning image was found in {region}."),
    ),
    "bad-key-pair": (
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "The EC2 key pair {key_name} cannot be used in {region} (missing, duplicate or "
            "malformed).",
        ),
        QT_TRANSLATE_NOOP(
            "CoreMessages", "An EC2 key pair named {key_name} exists already with another key."
        ),
        QT_TRANSLATE_NOOP("CoreMessages", "There is no EC2 key pair named {key_name} in {region}."),
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "The private key file does not belong to the EC2 key pair {key_name}.",
        ),
    ),
    "bad-group": (
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "The security group {group_id} cannot be used in {region} (missing, duplicate or "
            "in another network).",
        ),
        QT_TRANSLATE_NOOP(
            "CoreMessages", "The security group {group_id} cannot be used in {region}."
        ),
    ),
    "no-default-vpc": (
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "The region {region} has no default VPC (network) to put the instance in.",
        ),
    ),
    "no-public-ip": (
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "{address} is not a public IPv4 address, so it cannot be allowed for SSH.",
        ),
        QT_TRANSLATE_NOOP(
            "CoreMessages", "The public IP service gave an answer that is not an IP address."
        ),
    ),
    "invalid-plan": (
        QT_TRANSLATE_NOOP("CoreMessages", "The key type must be rsa or ed25519."),
        QT_TRANSLATE_NOOP("CoreMessages", "Only IPv4 ranges can be allowed for SSH."),
        QT_TRANSLATE_NOOP(
            "CoreMessages", "Opening SSH to the whole Internet (0.0.0.0/0) is refused."
        ),
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "Opening SSH to {cidr} ({addresses} addresses) is refused without your confirmation.",
        ),
        QT_TRANSLATE_NOOP("CoreMessages", "'{address}' is not an IPv4 address or range."),
    ),
    "in-use": (
        QT_TRANSLATE_NOOP(
            "CoreMessages", "AWS still sees {resource} in use; it cannot be deleted yet."
        ),
    ),
    # -- AWS transport -------------------------------------------------------------------------
    "throttled": (
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "AWS is limiting how fast this account can make requests, and kept refusing after "
            "several retries.",
        ),
        QT_TRANSLATE_NOOP(
            "CoreMessages", "AWS is limiting how fast this account can make requests."
        ),
    ),
    "clock-skew": (
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "This computer's clock is more than 5 minutes off, so AWS rejects its requests.",
        ),
    ),
    "network": (
        QT_TRANSLATE_NOOP("CoreMessages", "Cannot reach AWS through the configured proxy."),
        QT_TRANSLATE_NOOP("CoreMessages", "A secure connection to AWS could not be made."),
        QT_TRANSLATE_NOOP("CoreMessages", "Cannot reach AWS to {action}."),
        QT_TRANSLATE_NOOP("CoreMessages", "Could not find out this computer's public IP address."),
    ),
    "aws-unavailable": (
        QT_TRANSLATE_NOOP("CoreMessages", "AWS had a problem and could not {action}."),
    ),
    "aws-error": (
        QT_TRANSLATE_NOOP("CoreMessages", "AWS refused to {action}: {reason}"),
        QT_TRANSLATE_NOOP("CoreMessages", "Could not {action}: {reason}"),
    ),
    "error": (
        QT_TRANSLATE_NOOP("CoreMessages", "Could not {action}: {reason}"),
        QT_TRANSLATE_NOOP("CoreMessages", "The SSH tunnel could not be reopened."),
    ),
    # -- the instance and the launch -----------------------------------------------------------
    "instance-gone": (
        QT_TRANSLATE_NOOP("CoreMessages", "The instance {instance_id} no longer exists."),
        QT_TRANSLATE_NOOP(
            "CoreMessages", "The instance {instance_id} is {state} instead of running: {reason}"
        ),
        QT_TRANSLATE_NOOP(
            "CoreMessages", "The instance {instance_id} is {state} instead of running."
        ),
    ),
    "spot-cannot-stop": (
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "{instance_id} is a one-time spot instance: AWS cannot stop it, only terminate it.",
        ),
    ),
    "timeout": (
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "The instance {instance_id} did not get running with a public address within "
            "{seconds} s (it is {state}).",
        ),
        QT_TRANSLATE_NOOP("CoreMessages", "{instance_id} is still {state} after {seconds} s."),
    ),
    "unknown-launch": (
        QT_TRANSLATE_NOOP("CoreMessages", "There is no launch '{launch_id}' on this computer."),
    ),
    "bad-journal": (
        QT_TRANSLATE_NOOP(
            "CoreMessages", "The record of launch '{launch_id}' is damaged and cannot be read."
        ),
    ),
    "terminated": (
        QT_TRANSLATE_NOOP(
            "CoreMessages", "Launch {launch_id} was terminated; there is nothing to open."
        ),
    ),
    "internal": (
        QT_TRANSLATE_NOOP(
            "CoreMessages", "The launch stopped at '{step}' because of an unexpected error."
        ),
        QT_TRANSLATE_NOOP("CoreMessages", "The idle agent cannot be embedded."),
    ),
    "bad-setting": (
        QT_TRANSLATE_NOOP("CoreMessages", "{variable}='{value}' is not [user@]host:port."),
    ),
    "cancelled": (QT_TRANSLATE_NOOP("CoreMessages", "Cancelled."),),
    "start-failed": (QT_TRANSLATE_NOOP("CoreMessages", "{program} could not be started."),),
    # -- SSH, host keys, the notebook ----------------------------------------------------------
    "no-host-keys": (
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "The instance's console output shows no SSH host keys yet, so its identity cannot "
            "be checked automatically.",
        ),
    ),
    "host-key-mismatch": (
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "Refusing to connect: the machine answering for {instance_id} showed host key "
            "{offered}, but the key trusted for it is {expected}. Someone may be intercepting "
            "the connection, or the address now belongs to another machine.",
        ),
    ),
    "host-key-unknown": (
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "The host key of {instance_id} is not known yet (the console output shows none). "
            "The machine presents {offered}.",
        ),
    ),
    "bad-host-key": (
        QT_TRANSLATE_NOOP("CoreMessages", "'{line}' is not an SSH public key line."),
        QT_TRANSLATE_NOOP("CoreMessages", "A host key line names the wrong key type."),
        QT_TRANSLATE_NOOP("CoreMessages", "A host key is cut short."),
        QT_TRANSLATE_NOOP("CoreMessages", "A host key line has a broken base64 part."),
    ),
    "bad-instance-id": (
        QT_TRANSLATE_NOOP("CoreMessages", "'{instance_id}' is not an instance id."),
    ),
    "ssh-auth": (
        QT_TRANSLATE_NOOP("CoreMessages", "The instance refused {key} for user '{user}'."),
    ),
    "ssh-timeout": (
        QT_TRANSLATE_NOOP(
            "CoreMessages", "SSH on {host}:{port} did not answer within {seconds} s."
        ),
    ),
    "ssh-closed": (
        QT_TRANSLATE_NOOP("CoreMessages", "The SSH connection to the instance is closed."),
        QT_TRANSLATE_NOOP("CoreMessages", "The SSH connection closed at once."),
    ),
    "tunnel-closed": (QT_TRANSLATE_NOOP("CoreMessages", "The tunnel is closed."),),
    "ssh-unreachable": (QT_TRANSLATE_NOOP("CoreMessages", "The instance cannot be reached."),),
    "user-data-too-large": (
        QT_TRANSLATE_NOOP(
            "CoreMessages", "The start-up script is {size} bytes; EC2 accepts at most {limit}."
        ),
    ),
    "bootstrap-failed": (
        QT_TRANSLATE_NOOP(
            "CoreMessages", "The notebook could not be started on the instance: {error}."
        ),
        QT_TRANSLATE_NOOP("CoreMessages", "The notebook could not be stopped."),
        QT_TRANSLATE_NOOP(
            "CoreMessages", "The notebook's token could not be read back from the instance."
        ),
    ),
    "bootstrap-timeout": (
        QT_TRANSLATE_NOOP("CoreMessages", "Setting up the notebook took longer than {seconds} s."),
    ),
    # -- key files (app/core/keys/) ------------------------------------------------------------
    "not-found": (QT_TRANSLATE_NOOP("CoreMessages", "There is no file {source}."),),
    "cannot-read": (
        QT_TRANSLATE_NOOP("CoreMessages", "{source} cannot be read (permission denied)."),
        QT_TRANSLATE_NOOP("CoreMessages", "{source} cannot be read: {reason}."),
    ),
    "not-a-file": (
        *_NOT_A_FILE,
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "{path} is not a regular file (a folder or a device), so it was not replaced.",
        ),
    ),
    "exists": (
        QT_TRANSLATE_NOOP(
            "CoreMessages", "{path} exists already; the new private key was not written over it."
        ),
        QT_TRANSLATE_NOOP("CoreMessages", "{names} already exists; it was left as it is."),
    ),
    "not-writable": (
        QT_TRANSLATE_NOOP("CoreMessages", "Cannot write to {folder}: {reason}."),
        QT_TRANSLATE_NOOP("CoreMessages", "The folder {folder} does not exist."),
    ),
    "acl-failed": (
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "Could not tell which Windows account you are, so the key file cannot be made "
            "private to you.",
        ),
        QT_TRANSLATE_NOOP("CoreMessages", "Could not make {name} private to you."),
    ),
    "not-a-key": (
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "The private key is needed to compute the fingerprint of a key pair EC2 created.",
        ),
        QT_TRANSLATE_NOOP("CoreMessages", "This is not an OpenSSH public key line."),
        *_NOT_A_FILE,
        QT_TRANSLATE_NOOP("CoreMessages", "This is a certificate, not a private key."),
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "This is a public key; the private key (the file you keep secret) is needed.",
        ),
        QT_TRANSLATE_NOOP("CoreMessages", "This is not a private key (it holds {what})."),
        QT_TRANSLATE_NOOP("CoreMessages", "This is not a private key file."),
        QT_TRANSLATE_NOOP("CoreMessages", "No private key was given for SSH."),
    ),
    "unsupported-key-type": (
        QT_TRANSLATE_NOOP(
            "CoreMessages", "EC2 key pairs are RSA or Ed25519; this key cannot be one."
        ),
        QT_TRANSLATE_NOOP("CoreMessages", "Unknown key type {key_type}: choose ed25519 or rsa."),
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "{what} keys are not supported: use an RSA, Ed25519 or ECDSA (P-256, P-384, P-521) "
            "key.",
        ),
        QT_TRANSLATE_NOOP(
            "CoreMessages", "This RSA key has only {bits} bits; at least {minimum} are needed."
        ),
        QT_TRANSLATE_NOOP("CoreMessages", "ssh.com private keys are not supported."),
        QT_TRANSLATE_NOOP("CoreMessages", "This key's type or encryption is not supported."),
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "This PuTTY key file uses format version {version}, which is not supported.",
        ),
        QT_TRANSLATE_NOOP("CoreMessages", "{what} keys cannot be used for SSH."),
    ),
    "corrupt-key": (
        QT_TRANSLATE_NOOP("CoreMessages", "The key file is damaged."),
        QT_TRANSLATE_NOOP("CoreMessages", "The key file is cut short (it has no END line)."),
        QT_TRANSLATE_NOOP("CoreMessages", "The OpenSSH key file is damaged or cut short."),
        QT_TRANSLATE_NOOP(
            "CoreMessages", "The key file is damaged: its RSA parameters do not fit together."
        ),
        QT_TRANSLATE_NOOP("CoreMessages", "The key file is damaged or cut short."),
        QT_TRANSLATE_NOOP("CoreMessages", "The PuTTY key file is damaged or cut short."),
        QT_TRANSLATE_NOOP(
            "CoreMessages", "The PuTTY key file has passphrase settings that cannot be used."
        ),
        QT_TRANSLATE_NOOP("CoreMessages", "The key is damaged or cut short."),
        QT_TRANSLATE_NOOP("CoreMessages", "The key is damaged."),
        QT_TRANSLATE_NOOP("CoreMessages", "The {what} is damaged or cut short."),
        QT_TRANSLATE_NOOP("CoreMessages", "The {what} is damaged."),
    ),
    "passphrase-needed": (
        QT_TRANSLATE_NOOP(
            "CoreMessages", "This key is protected by a passphrase: enter it to use the key."
        ),
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "This OpenSSH key is protected by a passphrase: enter it to use the key.",
        ),
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "This PuTTY key is protected by a passphrase: enter it to use the key.",
        ),
    ),
    "wrong-passphrase": (
        QT_TRANSLATE_NOOP("CoreMessages", "Wrong passphrase for this key."),
        QT_TRANSLATE_NOOP("CoreMessages", "Wrong passphrase for this OpenSSH key."),
        QT_TRANSLATE_NOOP("CoreMessages", "Wrong passphrase for this PuTTY key."),
    ),
    "unsupported-kdf": (
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "This OpenSSH key is encrypted with {cipher}/{kdf}, which is not supported.",
        ),
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "This PuTTY key file protects its passphrase with {method}, which this version "
            "cannot read.",
        ),
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "This PuTTY key file asks for {memory} KiB of memory, {passes} passes and "
            "{parallelism} lanes to check its passphrase, far more than PuTTYgen uses; at most "
            "1 GiB of memory, 16 GiB of work and 64 lanes are accepted, so it was not opened.",
        ),
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "This OpenSSH key asks for {rounds} bcrypt rounds to check its passphrase; at most "
            "{limit} are accepted (ssh-keygen uses 16), so it was not opened.",
        ),
    ),
    "tampered-ppk": (
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "This PuTTY key file has been changed since it was saved (its check code does not "
            "match), so it cannot be trusted.",
        ),
    ),
    # -- the user's ssh files (app/core/remote/commands.py) ----------------------------------
    "ssh-config-damaged": (
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "{path} has the start of the entry {alias} but not its end, so it was left unchanged.",
        ),
    ),
    "invalid-ssh-setting": (
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "A value for ~/.ssh/config holds a line break, a control character or a double "
            "quote, so the entry was not written.",
        ),
    ),
}

#: The core's hints (``WizardError.hint``): what to do next. Shared between codes.
HINTS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Terminate it when you are done (your files on its disk are deleted with it); to keep a "
        "machine you can stop, launch a persistent spot or an on-demand instance.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "Remove the lines of {alias} from that file by hand and try again."
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "Check the access key ID, or pick another profile."),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Paste the secret key again (it is shown only once, when the key is created).",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "Check the access key and secret, or pick another profile."),
    QT_TRANSLATE_NOOP("CoreMessages", "Get fresh credentials (a new session token) and try again."),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "Get fresh credentials and check that this computer's clock is right."
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Ask your AWS administrator to allow {permission}, or use a profile that has it.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Enable the region in the AWS console (Account > AWS Regions) or choose another region.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Enable it in the AWS console (account menu > Account > AWS Regions; it takes a few "
        "minutes), or choose another region.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Terminate instances or delete network interfaces you no longer need in the default "
        "VPC, or choose another region.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Terminate instances you no longer need (terminated ones still count for a while), or "
        "ask AWS Support to raise the limit.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "This usually takes minutes, at most a few hours; try again later."
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "Contact AWS Support from the console."),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Request a higher vCPU quota ('Request increase' on the GPU page, or the Service Quotas "
        "console: Amazon EC2 > '{quota}'); AWS answers in minutes to a few days. Then launch "
        "again.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Request a higher vCPU quota ('Request increase' on the GPU page, or the Service Quotas "
        "console: Amazon EC2 > '{quota}'); AWS answers in minutes to a few days. Then launch "
        "again. Or launch on-demand instead.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "Try again in a while, choose another GPU type, or another region."
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "Choose another GPU type or another region."),
    QT_TRANSLATE_NOOP("CoreMessages", "Launch on-demand instead, or try again later."),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Pick one of the listed Deep Learning images, or an AMI id from this region.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Let the wizard create a new key, or pick a key pair that exists in this region.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Let the wizard create a security group, or pick one from the default VPC.",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "Wait a minute and try again."),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Turn on automatic time (Windows: Settings > Time & language > Sync now) and retry.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "Let the wizard create the default VPC, or choose another region."
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "Wait a minute until the instance is fully gone, then clean up again."
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "Run `aws sso login --profile {profile}` and try again."),
    QT_TRANSLATE_NOOP("CoreMessages", "This is usually brief; try again in a minute."),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "Check the HTTPS_PROXY setting and that the proxy is running."
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "A proxy or antivirus may be intercepting HTTPS; set AWS_CA_BUNDLE to its certificate, "
        "or try another network.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "Check the Internet connection; behind a proxy, set HTTPS_PROXY."
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "Pick a profile or paste an access key pair."),
    QT_TRANSLATE_NOOP("CoreMessages", "Paste both the access key ID and the secret access key."),
    QT_TRANSLATE_NOOP("CoreMessages", "Pick one of the listed profiles."),
    QT_TRANSLATE_NOOP("CoreMessages", "Pick a region."),
    QT_TRANSLATE_NOOP("CoreMessages", "AMI ids differ per region; pick one from this region."),
    QT_TRANSLATE_NOOP("CoreMessages", "Choose another image or region, or enter an AMI id."),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Compare the fingerprint with the EC2 console (Actions > Monitor > Get system log) "
        "before trusting it.",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "Choose another GPU type or region."),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Launch on-demand instead (available more often), or try again later.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Spot capacity may have been taken back; launch again or choose on-demand.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Look at it in the EC2 console; the default subnet must assign public IPs.",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "Delete it in the EC2 console, or start a new launch."),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Key pairs are per region; pick one from this region or let the wizard make one.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Choose the .pem/.ppk file that was saved when this key pair was created.",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "Choose another file name for the key."),
    QT_TRANSLATE_NOOP("CoreMessages", "Enter the address range to allow for SSH by hand."),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "Allow your own address (the default) or your network's range."
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Allow your own address (the default) or a range of /16 or narrower, or confirm the "
        "wide range (--allow-wide-cidr).",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Check the Internet connection, or enter the address range to allow for SSH.",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "Choose another name."),
    QT_TRANSLATE_NOOP("CoreMessages", "'ec2nb list' shows the instances ec2nb launched."),
    QT_TRANSLATE_NOOP("CoreMessages", "Choose another name, or allow replacing it."),
    QT_TRANSLATE_NOOP("CoreMessages", "Load it in PuTTYgen and export it as an OpenSSH key."),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Change its passphrase with ssh-keygen -p, which re-encrypts it with aes256-ctr.",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "Open it in a current PuTTYgen and save it again."),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Open it in PuTTYgen and save it again with the default settings (Argon2id).",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "Choose another instance type or region."),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Choose a GPU type for {image_architecture} (such as {families}) or a machine image "
        "for {type_architecture}.",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "Choose a machine image for {type_architecture}."),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "Choose a GPU type of one of those families, or another machine image."
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Request a quota increase (the wizard's GPU page has a button), or choose a smaller "
        "instance type.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Check that the key belongs to the instance's key pair and that the user name fits the "
        "machine image (ubuntu for Ubuntu, ec2-user for Amazon Linux).",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The instance may still be starting, or its security group does not allow SSH from "
        "your current address.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "If you know why the key changed, forget the stored key for this instance and connect "
        "again.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Check the fingerprint and trust it explicitly (--trust-host-key SHA256:...).",
    ),
)

# Sentences in Chinese end with a full-width stop and need no space before the next one.
_NO_SPACE_AFTER = re.compile(r"[\u3000-\u303f\uff00-\uffef]$")


@cache
def error_templates(code: str) -> tuple[MessageTemplate, ...]:
    """The sentences raised with ``code``, most specific first."""
    return by_specificity(MessageTemplate(CONTEXT, source) for source in ERRORS.get(code, ()))


@cache
def hint_templates() -> tuple[MessageTemplate, ...]:
    return by_specificity(MessageTemplate(CONTEXT, source) for source in HINTS)


def error_message(error: WizardError) -> str:
    """``error.message`` in the user's language (as the core wrote it when not in the catalog)."""
    found = translate_with(
        error_templates(error.code), error.message, error.params, value_text=core_value
    )
    # A plan problem or a quota verdict raised as an error is a sentence of the core.
    return found or core_problem(error.message) or error.message


def error_hint(error: WizardError) -> str:
    """``error.hint`` in the user's language ("" when there is none)."""
    if not error.hint:
        return ""
    found = translate_with(hint_templates(), error.hint, error.params, value_text=core_value)
    return found or error.hint


def error_text(error: WizardError) -> str:
    """What the wizard shows for ``error``: the message, then what to do about it."""
    message, hint = error_message(error), error_hint(error)
    if not hint:
        return message
    joiner = "" if _NO_SPACE_AFTER.search(message) else " "
    return f"{message}{joiner}{hint}"
