"""Values every test shares. The secret looks real on purpose: log scans must catch it."""

ACCOUNT_ID = "123456789012"
ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"
SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
REGION = "us-east-1"
DLAMI_FLAVOUR = "oss-nvidia-driver-gpu-pytorch-2.7-ubuntu-22.04"
