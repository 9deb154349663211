"""Test harness: the AWS emulator, the SSH server, the network guard and shared constants."""
