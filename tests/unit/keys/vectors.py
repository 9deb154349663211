"""Fixed files made by PuTTYgen 0.78 from one throw-away Ed25519 test key ("vector key").

They let the unit tests check reading without PuTTYgen installed; the integration tests check
the same against the live tool.
"""

PUBLIC_LINE = (
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH3mmW+DFvjdhydfkQ14nPGaVNkzVolG++3Qq09Kke05 vector key"
)
PASSPHRASE = "vector pass"

# puttygen ... -P --new-passphrase F --ppk-param kdf=argon2i,memory=1024,passes=2
PPK_V3_ARGON2I = """\
PuTTY-User-Key-File-3: ssh-ed25519
Encryption: aes256-cbc
Comment: vector key
Public-Lines: 2
AAAAC3NzaC1lZDI1NTE5AAAAIH3mmW+DFvjdhydfkQ14nPGaVNkzVolG++3Qq09K
ke05
Key-Derivation: Argon2i
Argon2-Memory: 1024
Argon2-Passes: 2
Argon2-Parallelism: 1
Argon2-Salt: 7a570bfebb35ca8b77a0763409aa4c62
Private-Lines: 1
5PzB4f0HcxCNHtzIA0ejkeUo/JDa0acIXw19Qlea/aEEb5nWJSU9LyDQvH8rwK9M
Private-MAC: 73665e437b1e02e7d7f93bbefea7fdde3b69200b226adf35749edd478021515d
"""

# puttygen ... -P --new-passphrase F --ppk-param version=2
PPK_V2_ENCRYPTED = """\
PuTTY-User-Key-File-2: ssh-ed25519
Encryption: aes256-cbc
Comment: vector key
Public-Lines: 2
AAAAC3NzaC1lZDI1NTE5AAAAIH3mmW+DFvjdhydfkQ14nPGaVNkzVolG++3Qq09K
ke05
Private-Lines: 1
i3rl4tFVX3HkQya3CzBCV+quabK8omOauXzujFINCBAeWi8hegpSjMD/imB5H6yO
Private-MAC: 5fb7f9bc5f39ab4ee961b8c4b273490df8baeb77
"""

# puttygen vec.ppk -O private-openssh-new
OPENSSH = """\
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtz
c2gtZWQyNTUxOQAAACB95plvgxb43YcnX5ENeJzxmlTZM1aJRvvt0KtPSpHtOQAA
AJDHC5xkxwucZAAAAAtzc2gtZWQyNTUxOQAAACB95plvgxb43YcnX5ENeJzxmlTZ
M1aJRvvt0KtPSpHtOQAAAEBjcV2QZnVXk50KVUT577T/vjtAT7cQS1GLxrXRJ2E8
cn3mmW+DFvjdhydfkQ14nPGaVNkzVolG++3Qq09Kke05AAAACnZlY3RvciBrZXkB
AgM=
-----END OPENSSH PRIVATE KEY-----
"""

# ssh-keygen -t dsa (OpenSSH 9.2): a key type we refuse.
OPENSSH_DSA = """\
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAABswAAAAdzc2gtZH
NzAAAAgQD4lHevV1qerD18VJrdM2gbEsLBU6P1UxdPyq8JaRKTBpCwJOn2U69XXR5MahgD
TAL/VZP5NiQdihiAOWSnKdWglmvwMamg+/awx/Q63OfHArUExF7ukya/1dRwaBaT4+SwFI
QJjzSEbLcnaXKDUDPHEGPTO6KF3r54guqmPMGWeQAAABUA8C+y+POPRyIt6jRNkwf53r3p
JzEAAACBAICmKnzrZzghCzn/6N+xZtEvni3y+MnNQCx6R4I4GBiekCzJ68++rZNCVeC+h4
H/3qkUGSwmY9eskCt7hKQFquIejWmcKcPBIOLyS9BT4oUEpEssZB0lHlq/QMDakMr52wed
TzX5+msZuK2H4BRjQCrAiHRncSHVuKSugGUqlSavAAAAgQCAQXwftJBU/EY2XHUtsqyWy2
EU0rN7xM2qkPWc6BqTZsrVCkpheCZ4mRdr/AiAr++dz7oIdGVjKBhRPtT5cwaj2ONMmdDz
oc6/qFeO+B5hC2U7yhZTK/iWet20r0cpqlc0qNqGieCTyjaFMuloJRuia7oqe41npfL48t
krHuRsrwAAAeAlG2qcJRtqnAAAAAdzc2gtZHNzAAAAgQD4lHevV1qerD18VJrdM2gbEsLB
U6P1UxdPyq8JaRKTBpCwJOn2U69XXR5MahgDTAL/VZP5NiQdihiAOWSnKdWglmvwMamg+/
awx/Q63OfHArUExF7ukya/1dRwaBaT4+SwFIQJjzSEbLcnaXKDUDPHEGPTO6KF3r54guqm
PMGWeQAAABUA8C+y+POPRyIt6jRNkwf53r3pJzEAAACBAICmKnzrZzghCzn/6N+xZtEvni
3y+MnNQCx6R4I4GBiekCzJ68++rZNCVeC+h4H/3qkUGSwmY9eskCt7hKQFquIejWmcKcPB
IOLyS9BT4oUEpEssZB0lHlq/QMDakMr52wedTzX5+msZuK2H4BRjQCrAiHRncSHVuKSugG
UqlSavAAAAgQCAQXwftJBU/EY2XHUtsqyWy2EU0rN7xM2qkPWc6BqTZsrVCkpheCZ4mRdr
/AiAr++dz7oIdGVjKBhRPtT5cwaj2ONMmdDzoc6/qFeO+B5hC2U7yhZTK/iWet20r0cpql
c0qNqGieCTyjaFMuloJRuia7oqe41npfL48tkrHuRsrwAAABQONGKfrNadkCqFn8INdgx3
OltD3gAAAANkc2EBAgMEBQY=
-----END OPENSSH PRIVATE KEY-----
"""

# openssl genrsa -traditional 512: too short to accept.
RSA_512 = """\
-----BEGIN RSA PRIVATE KEY-----
MIIBOwIBAAJBAMx6oj1bF2FGEubKtyk/VgIfULh4Up2av6rhrgSGEV5wTKpjSqcV
OeBdmrbz5ICayaWEfltheKWDAlm/Yb1k/s8CAwEAAQJAeppBMuauQw3gAW+kmN+3
8zfRj3ndl1AVAiGk1GOKgINkmbYl0GtW+hr1adu3oTVz1Mth3WVzIMlTBl/Omsew
cQIhAOk1l510z5YB16LNlU4xRR+jzrO9JzRQUNc7V9ryIUUnAiEA4HZFBKrO7KZi
r+/gfv5rg7lV5unUgICOQbbR3j7DkhkCIHNZrsSTIppwDtjYFyG1/RrJS1RcGygl
Eddj4vDJEuvBAiEAjHi3nMIgmW1PWXevcQpb0qXMIqS3fmv1mx6EnKd+0RECIQDN
BO5pbrXOtik6d37OBRx8+4SHb/ZZFSaCU7CrTHanhg==
-----END RSA PRIVATE KEY-----
"""
