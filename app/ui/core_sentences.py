"""Plain English text of the launch modules, recognised and translated (until issue 16 ends).

``app/core/launch*.py`` still report plain text, not :class:`~app.core.sentence.Sentence`:
they are being moved into ``app/core/launch/``, and their sentences are converted after that
merge; then this module, :mod:`app.ui.message_templates` and ``CoreSentenceTranslator`` go.
Until then ``app.ui.sentences.shown`` looks such text up in the "core" context, where the
``CoreSentenceTranslator`` of :mod:`app.ui.i18n` recognises a sentence with values by these
templates and fills its translation. Values that are English phrases of the core (a quota
verdict inside a skip note, an instance state) are translated too.

Keep each template exactly as the launch modules write it, with ``{name}`` where a value goes.
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
    sources = (*QUOTA, *LAUNCH, *FRAGMENTS)
    return by_specificity(MessageTemplate(CONTEXT, source) for source in sources)


def core_sentence(text: str, *, lookup: Lookup = qt_lookup, depth: int = 0) -> str | None:
    """``text`` (a sentence of the core) translated, or ``None`` when it is not in the catalog."""
    return _translate(templates(), text, lookup, depth)


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
