"""Entry script of the console executable, ec2nb(.exe): the command line (and the wizard when
run without a command).

``EC2NB_BUNDLE_CHECK=1`` runs the bundle's self-check instead (scripts/smoke_bundle.sh uses it).
"""

import os
import sys

if os.environ.get("EC2NB_BUNDLE_CHECK") == "1":
    from app._frozen_bundle import main as bundle_check

    sys.exit(bundle_check())

from app.cli import main

sys.exit(main())
