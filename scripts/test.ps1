# Sets up the test environment on Windows and runs ruff, mypy and pytest (offscreen Qt).
# Tests that need OpenSSH's sshd or PuTTY's puttygen are skipped when those are missing
# (they fail instead when CI is set). Extra arguments go to pytest.
Set-Location (Join-Path $PSScriptRoot "..")
. (Join-Path $PSScriptRoot "setup-env.ps1")
Ensure-Venv ".[test]"
& .venv\Scripts\ruff.exe check .;            if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
& .venv\Scripts\ruff.exe format --check .;   if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
& .venv\Scripts\mypy.exe;                    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
$env:QT_QPA_PLATFORM = "offscreen"
# Two worker processes, as scripts/test.sh runs them; EC2NB_TEST_WORKERS=0 runs one.
$workers = if ($env:EC2NB_TEST_WORKERS) { $env:EC2NB_TEST_WORKERS } else { "2" }
& .venv\Scripts\python.exe -m pytest -n $workers --dist loadfile @args
if ($LASTEXITCODE -eq 5) { Write-Error "pytest collected no tests: that is a failure" }
exit $LASTEXITCODE
