# Sets up the app on Windows and starts the wizard in demo mode (an embedded AWS emulator:
# no AWS account needed, nothing billed). Extra arguments go to ec2nb.
Set-Location (Join-Path $PSScriptRoot "..")
. (Join-Path $PSScriptRoot "setup-env.ps1")
Ensure-Venv ".[demo]"
& .venv\Scripts\ec2nb.exe --demo @args
exit $LASTEXITCODE
