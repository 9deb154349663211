# Shared set-up for scripts\*.ps1: dot-sourced, not run.
$ErrorActionPreference = "Stop"

# Python 3.11+ for 64-bit Windows: PySide6 has no 32-bit wheels. The Microsoft Store's
# "python" stub (an App execution alias) only opens the Store; it fails the check below.
$PythonCheck = "import struct, sys; sys.exit(0 if sys.version_info >= (3, 11) and struct.calcsize('P') == 8 else 1)"

function Test-Python([string[]]$Parts) {
    $rest = @()
    if ($Parts.Length -gt 1) { $rest = $Parts[1..($Parts.Length - 1)] }
    try {
        & $Parts[0] @rest -c $PythonCheck 2>$null | Out-Null
        return ($LASTEXITCODE -eq 0)
    } catch {
        return $false
    }
}

function Find-Python {
    foreach ($candidate in @($env:PYTHON, "py -3.13", "py -3.12", "py -3.11", "python")) {
        if (-not $candidate) { continue }
        $parts = $candidate.Split(" ")
        if (Test-Python $parts) { return $parts }
    }
    throw ("64-bit Python 3.11 or newer is needed: install it from " +
        "https://www.python.org/downloads/windows/ (tick 'Add python.exe to PATH'), " +
        "or set PYTHON to its python.exe.")
}

function Ensure-Venv([string]$Spec) {
    # A .venv left by an older or 32-bit Python, or by a Python since uninstalled, is made anew.
    if ((Test-Path .venv\Scripts\python.exe) -and -not (Test-Python @(".venv\Scripts\python.exe"))) {
        Write-Host "== .venv does not run a 64-bit Python 3.11+: making it anew"
        Remove-Item -Recurse -Force .venv
    }
    if (-not (Test-Path .venv\Scripts\python.exe)) {
        $python = Find-Python
        $rest = @()
        if ($python.Length -gt 1) { $rest = $python[1..($python.Length - 1)] }
        Write-Host "== creating .venv"
        & $python[0] @rest -m venv .venv
        if ($LASTEXITCODE -ne 0) { throw "creating .venv failed" }
    }
    Write-Host "== installing $Spec into .venv"
    & .venv\Scripts\python.exe -m pip install -q --upgrade pip
    if ($LASTEXITCODE -ne 0) { throw "upgrading pip in .venv failed (is the network reachable?)" }
    & .venv\Scripts\python.exe -m pip install -q -e $Spec
    if ($LASTEXITCODE -ne 0) { throw "installing $Spec failed" }
}
