"""Subcommands of ``ec2nb``, one module per group; each module has ``register(subparsers)``."""
