# Builds the Windows bundle with build.spec: dist\EC2NotebookWizard\ holding
# EC2NotebookWizard.exe (the wizard, no console) and ec2nb.exe (the command line), then zips it
# to dist\EC2NotebookWizard-<version>-windows-x64.zip.
#   powershell -ExecutionPolicy Bypass -File scripts\build.ps1             one folder + zip
#   powershell -ExecutionPolicy Bypass -File scripts\build.ps1 -OneFile    dist\onefile\*.exe
param([switch]$OneFile, [switch]$NoInstall)
Set-Location (Join-Path $PSScriptRoot "..")
. (Join-Path $PSScriptRoot "setup-env.ps1")
if (-not $NoInstall) { Ensure-Venv ".[build]" }

# The single files get their own folder: they would clash with the one-folder bundle's.
$pyiArgs = @("--noconfirm", "--log-level", "WARN")
if ($OneFile) { $pyiArgs += @("--distpath", "dist\onefile", "build.spec", "--", "--onefile") }
else { $pyiArgs += @("build.spec") }
Write-Host "== pyinstaller $pyiArgs"
& .venv\Scripts\pyinstaller.exe @pyiArgs
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed (exit $LASTEXITCODE)" }

$version = & .venv\Scripts\python.exe -c "import app; print(app.__version__)"
if ($OneFile) {
    Get-Item dist\onefile\EC2NotebookWizard.exe, dist\onefile\ec2nb.exe | Format-Table Name, Length
    exit 0
}
$zip = "dist\EC2NotebookWizard-$version-windows-x64.zip"
if (Test-Path $zip) { Remove-Item $zip }
Compress-Archive -Path dist\EC2NotebookWizard -DestinationPath $zip -CompressionLevel Optimal
$folderMB = [math]::Round((Get-ChildItem dist\EC2NotebookWizard -Recurse -File | Measure-Object Length -Sum).Sum / 1MB, 1)
$zipMB = [math]::Round((Get-Item $zip).Length / 1MB, 1)
Write-Host "== built dist\EC2NotebookWizard ($folderMB MB) and $zip ($zipMB MB)"
