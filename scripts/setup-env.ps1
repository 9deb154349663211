# Shared set-up for scripts\*.ps1: dot-sourced, not run.
$ErrorActionPreference = "Stop"

function Find-Python {
    foreach ($candidate in @($env:PYTHON, "py -3.13", "py -3.12", "py -3.11", "python")) {
        if (-not $candidate) { continue }
        $parts = $candidate.Split(" ")
        try {
            & $parts[0] $parts[1..($parts.Length)] -c "import sys; sys.exit(sys.version_info < (3, 11))" 2>$null
            if ($LASTEXITCODE -eq 0) { return $parts }
        } catch { }
    }
    throw "Python 3.11 or newer is needed (https://www.python.org/downloads/windows/)."
}

function Ensure-Venv([string]$Spec) {
    if (-not (Test-Path .venv\Scripts\python.exe)) {
        $python = Find-Python
        Write-Host "== creating .venv"
        & $python[0] $python[1..($python.Length)] -m venv .venv
    }
    Write-Host "== installing $Spec into .venv"
    & .venv\Scripts\python.exe -m pip install -q --upgrade pip
    & .venv\Scripts\python.exe -m pip install -q -e $Spec
    if ($LASTEXITCODE -ne 0) { throw "installing $Spec failed" }
}
