"""The stand-in instance: every instance the emulator launches is the ``sshd`` fixture.

The emulator plays cloud-init (authorises the launch's key, shows sshd's host key in the console
output); ``EC2NB_SSH_ENDPOINT`` maps the instance's address to sshd; the notebook's files go to a
sandbox folder (``EC2NB_REMOTE_HOME``), and whatever the bootstrap started there is stopped after
the test.
"""

from __future__ import annotations

from tests.integration.launch.stand_in import StandIn, stand_in

__all__ = ["StandIn", "stand_in"]
