"""Entry script of the windowed executable, EC2NotebookWizard(.exe): always the wizard."""

import os
import sys

# A windowed Windows program has no console: sys.stdout and sys.stderr are None, and a library
# that writes a warning to them would crash the app. Send such writes nowhere.
for _name in ("stdout", "stderr"):
    if getattr(sys, _name) is None:
        setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - for the process's lifetime

from app.cli import main_gui  # noqa: E402 - after the stream fix above

sys.exit(main_gui())
