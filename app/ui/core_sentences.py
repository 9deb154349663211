"""The core's English sentences that the wizard shows, in the "core" translation context.

Pages pass a sentence of the core through ``QCoreApplication.translate("core", text)`` (see
``core_text`` in ``app/ui/pages/base.py``): what the flow still needs, the plan's problems, the
vCPU quota verdict, the launch's step messages. Fixed sentences are found in the ``.qm`` as
they are; sentences with values are recognised by :func:`core_sentence`, which the
``CoreSentenceTranslator`` installed by :mod:`app.ui.i18n` calls. Values that are themselves
English phrases of the core (an action, a reason, an instance state) are translated too.

``QT_TRANSLATE_NOOP`` marks the sentences for ``pyside6-lupdate``; keep each one exactly as the
core writes it, with ``{name}`` where the core puts a value.
"""

from __future__ import annotations

from functools import cache

from app.ui.message_templates import (
    QT_TRANSLATE_NOOP,
    Lookup,
    MessageTemplate,
    by_specificity,
    qt_lookup,
    translate_with,
)

CONTEXT = "core"

#: app/core/flow.py and app/core/plan.py: what a page still needs before Next.
FLOW_AND_PLAN = (
    QT_TRANSLATE_NOOP("core", "Check your credentials first."),
    QT_TRANSLATE_NOOP("core", "Choose a machine image."),
    QT_TRANSLATE_NOOP("core", "Choose a GPU type."),
    QT_TRANSLATE_NOOP("core", "Choose the instance to open."),
    QT_TRANSLATE_NOOP("core", "Wait until the notebook is ready."),
    QT_TRANSLATE_NOOP("core", "Check that the key file belongs to the EC2 key pair."),
    QT_TRANSLATE_NOOP("core", "'{region}' is not an AWS region name (like us-east-1)."),
    QT_TRANSLATE_NOOP("core", "'{image_id}' is not an AMI id (ami- and 8 or 17 hex digits)."),
    QT_TRANSLATE_NOOP("core", "'{instance_type}' is not an instance type (like g5.xlarge)."),
    QT_TRANSLATE_NOOP(
        "core",
        "The disk must be at least {min_volume_gib} GiB: the machine image needs that much; "
        "{volume_gib} GiB is too small.",
    ),
    QT_TRANSLATE_NOOP("core", "The disk size must be between {low} and {high} GiB."),
    QT_TRANSLATE_NOOP(
        "core", "'{volume_type}' is not a supported volume type (gp3, gp2, io1, io2)."
    ),
    QT_TRANSLATE_NOOP("core", "'{ssh_cidr}' is not an IP address range (like 203.0.113.7/32)."),
    QT_TRANSLATE_NOOP("core", "Only IPv4 ranges are supported for SSH access."),
    QT_TRANSLATE_NOOP(
        "core",
        "'{ssh_cidr}' is wider than /16: confirm that this many addresses may try to log in "
        "over SSH.",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "The repository address contains a user name or password, which would be stored on the "
        "instance and in AWS: remove it and use a deploy key or a Git credential helper on the "
        "instance instead.",
    ),
    QT_TRANSLATE_NOOP("core", "Choose the existing security group to use."),
    QT_TRANSLATE_NOOP("core", "Choose your private key file and the EC2 key pair it belongs to."),
    QT_TRANSLATE_NOOP("core", "The key type must be ed25519 or rsa."),
    QT_TRANSLATE_NOOP("core", "The PuTTY key version must be 2 or 3."),
    QT_TRANSLATE_NOOP("core", "Idle auto-stop must be between {low} and {high} minutes."),
    QT_TRANSLATE_NOOP("core", "'{git_repo}' does not look like a Git URL (https:// or git@)."),
    QT_TRANSLATE_NOOP("core", "A pinned host key must be a SHA256:... fingerprint."),
)

#: app/core/aws/quotas.py: QuotaState.message.
QUOTA = (
    QT_TRANSLATE_NOOP(
        "core",
        "The wizard does not know which vCPU quota {instance_type} ({market}) counts against.",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "Could not read your quota '{quota}' ({reason}). If it is too low, the launch will say so.",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "Quota '{quota}' in {region}: {limit} vCPUs, {used} in use; {instance_type} needs {vcpus}.",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "Quota '{quota}' in {region}: unknown (default {default} vCPUs). Service Quotas shows "
        "your account's value only once it has been changed; {instance_type} needs {vcpus}.",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "Your quota '{quota}' in {region} allows {limit} vCPUs; {used} are in use and "
        "{instance_type} needs {vcpus}, so the quota must be at least {needed}. Request an "
        "increase to {needed} vCPUs ('Request increase', or the Service Quotas console); AWS "
        "answers within minutes to a few days. Then launch again.",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "Your quota '{quota}' in {region} allows {limit} vCPUs; {used} are in use and "
        "{instance_type} needs {vcpus}, so the quota must be at least {needed}. New AWS "
        "accounts start at 0 for GPU instances. Request an increase to {needed} vCPUs "
        "('Request increase', or the Service Quotas console); AWS answers within minutes to a "
        "few days. Then launch again.",
    ),
)

#: app/core/launch.py, launch_*.py and the functions they call: StepEvent.message.
LAUNCH = (
    QT_TRANSLATE_NOOP("core", "Check credentials…"),
    QT_TRANSLATE_NOOP("core", "Find the machine image…"),
    QT_TRANSLATE_NOOP("core", "Check the vCPU quota…"),
    QT_TRANSLATE_NOOP("core", "{group_id}: your address is now {cidr} (was {old})"),
    QT_TRANSLATE_NOOP(
        "core",
        "Could not check your IP address again ({reason}); the group still allows the address "
        "of the first launch.",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "An HTTPS proxy is set ({variable}): {address} may be the proxy's address, not this "
        "computer's. If SSH cannot connect, allow your own address range instead (Network page, "
        "or --ssh-cidr).",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "No idle alarm: AWS cannot stop a one-time spot instance, only terminate it. Terminate "
        "it when you are done.",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "The idle alarm could not be created ({reason}); only the idle agent on the instance "
        "will stop it.",
    ),
    QT_TRANSLATE_NOOP("core", "Security group…"),
    QT_TRANSLATE_NOOP("core", "Key pair…"),
    QT_TRANSLATE_NOOP("core", "Launch the instance…"),
    QT_TRANSLATE_NOOP("core", "Wait until it runs…"),
    QT_TRANSLATE_NOOP("core", "Get its host key…"),
    QT_TRANSLATE_NOOP("core", "Connect over SSH…"),
    QT_TRANSLATE_NOOP("core", "Start Jupyter…"),
    QT_TRANSLATE_NOOP("core", "Open the tunnel…"),
    QT_TRANSLATE_NOOP("core", "Ready…"),
    QT_TRANSLATE_NOOP("core", "Cancelled."),
    QT_TRANSLATE_NOOP("core", "Unexpected error."),
    QT_TRANSLATE_NOOP("core", "Account {account} ({arn})"),
    QT_TRANSLATE_NOOP("core", "Not needed: the instance was already requested."),
    QT_TRANSLATE_NOOP("core", "Could not check the quota ({reason}); launching anyway."),
    QT_TRANSLATE_NOOP("core", "Enough vCPU quota for {vcpus} vCPUs."),
    QT_TRANSLATE_NOOP("core", "{resource} (from before)"),
    QT_TRANSLATE_NOOP("core", "{group_id}: {protocols} from {cidr} only"),
    QT_TRANSLATE_NOOP("core", "{key_name}, private key in {path}"),
    QT_TRANSLATE_NOOP("core", "{key_name} matches {file}"),
    QT_TRANSLATE_NOOP("core", "{instance_id} in {zone}"),
    QT_TRANSLATE_NOOP("core", "Running at {address}"),
    QT_TRANSLATE_NOOP("core", "Pinned; not checked (no SSH in this demo)."),
    QT_TRANSLATE_NOOP("core", "Pinned: {fingerprint}"),
    QT_TRANSLATE_NOOP("core", "The console output shows none yet: you will be asked."),
    QT_TRANSLATE_NOOP(
        "core", "DEMO: no OpenSSH server on this computer to stand in for the instance."
    ),
    QT_TRANSLATE_NOOP("core", "DEMO: skipped without an SSH server."),
    QT_TRANSLATE_NOOP("core", "Jupyter {version} on port {port}; {gpu}"),
    QT_TRANSLATE_NOOP("core", "Not needed: the notebook is reached over HTTPS."),
    QT_TRANSLATE_NOOP("core", "{local_url} → instance port {port}"),
    QT_TRANSLATE_NOOP("core", "Provisioned (DEMO without SSH): no notebook to open."),
    QT_TRANSLATE_NOOP("core", "Notebook ready: {url}"),
    QT_TRANSLATE_NOOP("core", "Starting {instance_id} again (it was stopped)"),
    QT_TRANSLATE_NOOP("core", "terminating {instance_id}"),
    QT_TRANSLATE_NOOP("core", "waiting for AWS to release the network interface, {seconds} s"),
    QT_TRANSLATE_NOOP("core", "Deleting security group {group_id}"),
    QT_TRANSLATE_NOOP("core", "Deleting key pair {key_name}"),
    QT_TRANSLATE_NOOP("core", "{instance_id} was already started"),
    QT_TRANSLATE_NOOP("core", "Requesting {instance_type} in {zone}"),
    QT_TRANSLATE_NOOP("core", "No {instance_type} capacity in {zone}; trying the next zone"),
    QT_TRANSLATE_NOOP("core", "{instance_id} is running at {address}"),
    QT_TRANSLATE_NOOP("core", "{instance_id} is {state}, {seconds} s"),
    QT_TRANSLATE_NOOP("core", "{count} host keys read from the console"),
    QT_TRANSLATE_NOOP("core", "waiting for the host keys in the console output, {seconds} s"),
    QT_TRANSLATE_NOOP("core", "Reading the GPU instance types of {region}"),
    QT_TRANSLATE_NOOP("core", "{count} GPU types; reading zones and prices"),
    QT_TRANSLATE_NOOP("core", "{count} GPU types in {region} (prices: {source})"),
    QT_TRANSLATE_NOOP("core", "Stopping {instance_id}"),
    QT_TRANSLATE_NOOP("core", "Starting {instance_id}"),
    QT_TRANSLATE_NOOP("core", "Terminating {instance_id}"),
    QT_TRANSLATE_NOOP("core", "SSH connection dropped; reconnecting"),
    QT_TRANSLATE_NOOP("core", "reconnected"),
    QT_TRANSLATE_NOOP("core", "waiting for SSH, {seconds} s"),
    # resources/remote/bootstrap.sh, relayed by the notebook step.
    QT_TRANSLATE_NOOP("core", "waiting for the setup started at boot to finish"),
    QT_TRANSLATE_NOOP("core", "stopped"),
    QT_TRANSLATE_NOOP("core", "Python environment: {path}"),
    QT_TRANSLATE_NOOP("core", "installing JupyterLab (a few minutes)"),
    QT_TRANSLATE_NOOP("core", "making a self-signed certificate"),
    QT_TRANSLATE_NOOP("core", "starting Jupyter (systemd service)"),
    QT_TRANSLATE_NOOP("core", "starting Jupyter"),
    QT_TRANSLATE_NOOP("core", "waiting for Jupyter to answer"),
    QT_TRANSLATE_NOOP("core", "cloning {repository}"),
    QT_TRANSLATE_NOOP("core", "warning: {warning}"),
    # Errors the launch modules raise with plain text (app.ui.sentences.error_text).
    QT_TRANSLATE_NOOP("core", "Launch {launch_id} was terminated; there is nothing to open."),
    QT_TRANSLATE_NOOP("core", "The launch stopped at '{step}' because of an unexpected error."),
    QT_TRANSLATE_NOOP("core", "{variable}='{value}' is not [user@]host:port."),
    QT_TRANSLATE_NOOP(
        "core",
        "{instance_type} runs {type_architecture} programs, but the machine image "
        "{image_id} is for {image_architecture}.",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "The machine image {image_name} does not support {instance_type}; it supports {supported}.",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "Choose a GPU type for {image_architecture} (such as {families}) or a machine image "
        "for {type_architecture}.",
    ),
    QT_TRANSLATE_NOOP("core", "Choose a machine image for {type_architecture}."),
    QT_TRANSLATE_NOOP(
        "core", "Choose a GPU type of one of those families, or another machine image."
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "Request a quota increase (the wizard's GPU page has a button), or choose a smaller "
        "instance type.",
    ),
)

#: app/core/aws/preflight.py: the permission check's progress and its notes on a call.
PREFLIGHT = (
    QT_TRANSLATE_NOOP("core", "Checking {call}"),
    QT_TRANSLATE_NOOP("core", "Checking the calls without a dry run"),
    QT_TRANSLATE_NOOP("core", "Without it the images are found by name."),
    QT_TRANSLATE_NOOP("core", "Without it the vCPU quota is not checked before launching."),
    QT_TRANSLATE_NOOP("core", "Without it the machine's host key must be confirmed by hand."),
    QT_TRANSLATE_NOOP(
        "core",
        "Without it there is no idle alarm; the notebook's own idle check still stops the machine.",
    ),
    QT_TRANSLATE_NOOP("core", "Without it the idle alarm stays after clean-up."),
    QT_TRANSLATE_NOOP("core", "Without it the security group stays after clean-up."),
    QT_TRANSLATE_NOOP("core", "Without it the key pair stays after clean-up."),
    QT_TRANSLATE_NOOP("core", "Needed once per account, for the idle alarm's stop action."),
    QT_TRANSLATE_NOOP("core", "The region {region} has no default VPC (network)."),
    QT_TRANSLATE_NOOP("core", "AWS answered the dry run without DryRunOperation."),
    QT_TRANSLATE_NOOP("core", "Not checked: the default VPC's security groups could not be read."),
    QT_TRANSLATE_NOOP("core", "Not checked: the machine image could not be read."),
    QT_TRANSLATE_NOOP(
        "core", "Not checked: no default subnet of a zone offering the type was found."
    ),
    QT_TRANSLATE_NOOP("core", "The root user may make every call."),
    QT_TRANSLATE_NOOP("core", "Not checked: checking it needs iam:SimulatePrincipalPolicy."),
    QT_TRANSLATE_NOOP("core", "Not checked: this identity cannot be simulated."),
    QT_TRANSLATE_NOOP("core", "Not checked: {code}."),
)

#: Phrases the core puts into its sentences as values: what it was trying to do when AWS
#: failed (``action``), why the quota is unknown (``reason``), instance states, step names,
#: and the words it uses when a value is not known.
FRAGMENTS = (
    QT_TRANSLATE_NOOP("core", "check the credentials"),
    QT_TRANSLATE_NOOP("core", "use these credentials"),
    QT_TRANSLATE_NOOP("core", "connect to AWS {service}"),
    QT_TRANSLATE_NOOP("core", "list the regions"),
    QT_TRANSLATE_NOOP("core", "list the Deep Learning images"),
    QT_TRANSLATE_NOOP("core", "look up the machine image"),
    QT_TRANSLATE_NOOP("core", "look up the Deep Learning image"),
    QT_TRANSLATE_NOOP("core", "list the GPU instance types"),
    QT_TRANSLATE_NOOP("core", "list the zones offering GPU types"),
    QT_TRANSLATE_NOOP("core", "read spot prices"),
    QT_TRANSLATE_NOOP("core", "request a higher vCPU quota"),
    QT_TRANSLATE_NOOP("core", "describe the instance type"),
    QT_TRANSLATE_NOOP("core", "find the zones offering the type"),
    QT_TRANSLATE_NOOP("core", "find the default VPC"),
    QT_TRANSLATE_NOOP("core", "create the default VPC"),
    QT_TRANSLATE_NOOP("core", "list the default subnets"),
    QT_TRANSLATE_NOOP("core", "use the security group"),
    QT_TRANSLATE_NOOP("core", "create the security group"),
    QT_TRANSLATE_NOOP("core", "update the security group"),
    QT_TRANSLATE_NOOP("core", "import the key pair"),
    QT_TRANSLATE_NOOP("core", "create the key pair"),
    QT_TRANSLATE_NOOP("core", "delete the key pair"),
    QT_TRANSLATE_NOOP("core", "check the key pair"),
    QT_TRANSLATE_NOOP("core", "start the instance"),
    QT_TRANSLATE_NOOP("core", "stop the instance"),
    QT_TRANSLATE_NOOP("core", "terminate the instance"),
    QT_TRANSLATE_NOOP("core", "look up the instance"),
    QT_TRANSLATE_NOOP("core", "look up the launch's instance"),
    QT_TRANSLATE_NOOP("core", "read the instance's console output"),
    QT_TRANSLATE_NOOP("core", "list your instances"),
    QT_TRANSLATE_NOOP("core", "create the idle alarm"),
    QT_TRANSLATE_NOOP("core", "delete the idle alarm"),
    QT_TRANSLATE_NOOP("core", "clean up the launch"),
    QT_TRANSLATE_NOOP("core", "look for left-over resources"),
    QT_TRANSLATE_NOOP(
        "core", "your AWS identity may not read Service Quotas (servicequotas:ListServiceQuotas)"
    ),
    QT_TRANSLATE_NOOP("core", "Service Quotas could not be reached"),
    QT_TRANSLATE_NOOP("core", "Service Quotas answered with an error"),
    QT_TRANSLATE_NOOP("core", "Service Quotas answered {code}"),
    QT_TRANSLATE_NOOP("core", "Service Quotas did not report it"),
    QT_TRANSLATE_NOOP("core", "pending"),
    QT_TRANSLATE_NOOP("core", "running"),
    QT_TRANSLATE_NOOP("core", "stopping"),
    QT_TRANSLATE_NOOP("core", "shutting-down"),
    QT_TRANSLATE_NOOP("core", "terminated"),
    QT_TRANSLATE_NOOP("core", "deregistered"),
    QT_TRANSLATE_NOOP("core", "failed"),
    QT_TRANSLATE_NOOP("core", "Check credentials"),
    QT_TRANSLATE_NOOP("core", "Find the machine image"),
    QT_TRANSLATE_NOOP("core", "Check the vCPU quota"),
    QT_TRANSLATE_NOOP("core", "Security group"),
    QT_TRANSLATE_NOOP("core", "Key pair"),
    QT_TRANSLATE_NOOP("core", "Launch the instance"),
    QT_TRANSLATE_NOOP("core", "Wait until it runs"),
    QT_TRANSLATE_NOOP("core", "Get its host key"),
    QT_TRANSLATE_NOOP("core", "Connect over SSH"),
    QT_TRANSLATE_NOOP("core", "Start Jupyter"),
    QT_TRANSLATE_NOOP("core", "Open the tunnel"),
    QT_TRANSLATE_NOOP("core", "Ready"),
    QT_TRANSLATE_NOOP("core", "SSH and HTTPS"),
    QT_TRANSLATE_NOOP("core", "no GPU"),
    # The notebook's report (resources/remote/bootstrap.sh) when nvidia-smi finds no GPU.
    QT_TRANSLATE_NOOP("core", "no GPU found"),
    # Where the on-demand prices came from (app/core/aws/prices.py, OnDemandPrices.source).
    QT_TRANSLATE_NOOP("core", "pricing-api"),
    QT_TRANSLATE_NOOP("core", "cache"),
    QT_TRANSLATE_NOOP("core", "bundled {date}"),
    QT_TRANSLATE_NOOP("core", "this region"),
    QT_TRANSLATE_NOOP("core", "these"),
    QT_TRANSLATE_NOOP("core", "chosen"),
    QT_TRANSLATE_NOOP("core", "this instance type"),
    QT_TRANSLATE_NOOP("core", "the resource"),
    QT_TRANSLATE_NOOP("core", "the vCPU quota"),
    QT_TRANSLATE_NOOP("core", "an unknown method"),
    QT_TRANSLATE_NOOP("core", "OpenSSH key file"),
)

#: How deep a value may itself be a sentence with values (a quota verdict inside a skip note).
_MAX_DEPTH = 3


@cache
def templates() -> tuple[MessageTemplate, ...]:
    """Every sentence of the catalog, most specific first."""
    sources = (*FLOW_AND_PLAN, *QUOTA, *LAUNCH, *PREFLIGHT, *FRAGMENTS)
    return by_specificity(MessageTemplate(CONTEXT, source) for source in sources)


@cache
def _problem_templates() -> tuple[MessageTemplate, ...]:
    return by_specificity(MessageTemplate(CONTEXT, source) for source in (*FLOW_AND_PLAN, *QUOTA))


def core_sentence(text: str, *, lookup: Lookup = qt_lookup, depth: int = 0) -> str | None:
    """``text`` (a sentence of the core) translated, or ``None`` when it is not in the catalog."""
    return _translate(templates(), text, lookup, depth)


def core_problem(text: str, *, lookup: Lookup = qt_lookup) -> str | None:
    """``text`` translated if it is a plan problem or a quota verdict (raised as an error).

    Narrower than :func:`core_sentence`: an unknown error message must not be taken for a
    short progress note such as "{instance_id} in {zone}".
    """
    return _translate(_problem_templates(), text, lookup, 0)


def _translate(
    candidates: tuple[MessageTemplate, ...], text: str, lookup: Lookup, depth: int
) -> str | None:
    if depth > _MAX_DEPTH or not text:
        return None
    for template in candidates:
        if template.source == text:
            found = template.translated({}, lookup)
            if found is not None:
                return found
    return translate_with(
        (t for t in candidates if t.names),
        text,
        value_text=lambda value: core_value(value, lookup=lookup, depth=depth + 1),
        lookup=lookup,
    )


def core_value(value: str, *, lookup: Lookup = qt_lookup, depth: int = 1) -> str:
    """A value inside a core sentence: translated when it is a phrase of the core."""
    return core_sentence(value, lookup=lookup, depth=depth) or value
