# Sets up the app on Windows and starts the wizard in demo mode (an embedded AWS emulator:
# no AWS account needed, nothing billed). Extra arguments go to ec2nb. Checks what it needs
# first: 64-bit Python 3.11+ and a working .venv with the demo extra. (On Windows the demo stops
# after creating the instance in the emulator: its loopback "instance" needs an OpenSSH server
# it can start itself, which only the Linux demo has; ec2nb says so.)
Set-Location (Join-Path $PSScriptRoot "..")
. (Join-Path $PSScriptRoot "setup-env.ps1")
Ensure-Venv ".[demo]"
& .venv\Scripts\python.exe -c "import PySide6.QtWidgets, moto, app.cli" 2>$null
if ($LASTEXITCODE -ne 0) {
    throw "The demo's libraries do not load in .venv (PySide6, moto): delete .venv and run this again."
}
& .venv\Scripts\ec2nb.exe --demo @args
exit $LASTEXITCODE
