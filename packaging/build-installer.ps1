# Builds the CaptiveWatch MSI for Windows from target\app (made by `mvn package`). Normally run through
# Maven:   mvn -B -Pinstaller package    (or -Dinstaller.mode=fast)
# Directly, after `mvn -B -DskipTests package`:
#   powershell -ExecutionPolicy Bypass -File packaging\build-installer.ps1 [-Mode fast] [-Type msi|exe|app-image]
#
# Needs a JDK 17 (jpackage, jlink, jdeps on the PATH or under JAVA_HOME) and, for msi/exe, the WiX Toolset
# 3.x (candle.exe and light.exe on the PATH; JDK 17's jpackage does not work with WiX 4+):
#   winget install WiXToolset.WiXToolset   (or choco install wixtoolset --version 3.14.1)
#
# The MSI installs per machine into "C:\Program Files\CaptiveWatch", adds a Start menu entry
# (CaptiveWatch group) and a desktop shortcut, and installs two launchers:
#   CaptiveWatch.exe      the tray app (no console window)
#   captivewatch-cli.exe  the same app as a console program, for `captivewatch-cli check --json`
# Uninstall: Settings > Apps > CaptiveWatch (or `msiexec /x CaptiveWatch-<version>.msi`).
[CmdletBinding()]
param(
    [ValidateSet('release', 'fast')] [string] $Mode = 'release',
    [ValidateSet('msi', 'exe', 'app-image')] [string] $Type = 'msi',
    [string] $Version = '',
    [string] $AppDir = '',
    [string] $Dest = ''
)
$ErrorActionPreference = 'Stop'
$here = Split-Path -Parent $MyInvocation.MyCommand.Path
$root = Split-Path -Parent $here
if (-not $AppDir) { $AppDir = Join-Path $root 'target\app' }
if (-not $Dest) { $Dest = Join-Path $root 'target\installer' }
function Log($m) { Write-Host "build-installer: $m" }

function Tool($name) {
    if ($env:JAVA_HOME -and (Test-Path (Join-Path $env:JAVA_HOME "bin\$name.exe"))) {
        return (Join-Path $env:JAVA_HOME "bin\$name.exe")
    }
    $c = Get-Command $name -ErrorAction SilentlyContinue
    if (-not $c) { throw "$name not found: install a JDK 17 and put its bin on the PATH (or set JAVA_HOME)" }
    return $c.Source
}
$jpackage = Tool 'jpackage'; $jlink = Tool 'jlink'; $jdeps = Tool 'jdeps'
if ($Type -ne 'app-image' -and -not (Get-Command light.exe -ErrorAction SilentlyContinue)) {
    throw 'WiX Toolset 3.x not found (light.exe, candle.exe): winget install WiXToolset.WiXToolset'
}
if (-not (Test-Path (Join-Path $AppDir 'captivewatch.jar'))) {
    throw "$AppDir\captivewatch.jar missing: run 'mvn -B -DskipTests package' first"
}

# Version from the pom unless given; MSI wants numbers only (0.1.0-SNAPSHOT -> 0.1.0).
if (-not $Version) {
    [xml] $pom = Get-Content (Join-Path $root 'pom.xml')
    $Version = $pom.project.version
}
if ($Version -notmatch '^(\d+(\.\d+){0,2})') { throw "cannot make a numeric version out of '$Version'" }
$numeric = $Matches[1]

# Made from icons\png by packaging/make-icons.sh.
$iconArgs = @('--icon', (Join-Path $here 'windows\CaptiveWatch.ico'))

$work = Join-Path $root 'target\installer-work'
if (Test-Path $work) { Remove-Item -Recurse -Force $work }
New-Item -ItemType Directory -Force -Path $work, $Dest | Out-Null
$sw = [Diagnostics.Stopwatch]::StartNew()

# Runtime: what jdeps measures plus what only services/reflection reach (see build-installer.sh).
$baseline = 'java.base,java.desktop,java.logging,java.net.http,java.naming,java.prefs,java.xml,jdk.crypto.ec,jdk.crypto.mscapi,jdk.charsets,jdk.jsobject,jdk.net,jdk.unsupported,jdk.unsupported.desktop,jdk.xml.dom,jdk.zipfs'
Push-Location $AppDir
try {
    $libs = Get-ChildItem lib\*.jar | ForEach-Object { $_.FullName }
    $measured = (& $jdeps --multi-release 17 --ignore-missing-deps --print-module-deps --class-path 'lib\*' captivewatch.jar @libs 2>$null | Select-Object -Last 1)
} finally { Pop-Location }
if ($measured -notmatch '^[a-z.,]+$') { Log "WARNING: jdeps gave no module list; baseline only"; $measured = '' }
$modules = (($baseline + ',' + $measured).Split(',') | Where-Object { $_ } | Sort-Object -Unique) -join ','
Log "runtime modules: $modules"
& $jlink --add-modules $modules --strip-debug --no-header-files --no-man-pages --compress=2 --output (Join-Path $work 'runtime')
if ($LASTEXITCODE -ne 0) { throw "jlink failed ($LASTEXITCODE)" }

$common = @(
    '--name', 'CaptiveWatch',
    '--app-version', $numeric,
    '--vendor', 'CaptiveWatch',
    '--description', 'Notices captive portals and opens their login page',
    '--copyright', 'Copyright 2026 the CaptiveWatch authors. Apache License 2.0.',
    '--input', $AppDir,
    '--main-jar', 'captivewatch.jar',
    '--main-class', 'io.captivewatch.Main',
    # desktop footprint, see docs/BENCHMARKS.md
    '--java-options', '-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xms8m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:MaxNewSize=4m',
    '--runtime-image', (Join-Path $work 'runtime'),
    '--dest', $Dest,
    '--temp', (Join-Path $work 'jpackage'),
    '--add-launcher', ('captivewatch-cli=' + (Join-Path $here 'windows\captivewatch-cli.properties'))
) + $iconArgs
if ($Type -ne 'app-image') {
    $common += @(
        '--license-file', (Join-Path $root 'LICENSE'),
        '--win-menu', '--win-menu-group', 'CaptiveWatch',
        '--win-shortcut', '--win-dir-chooser',
        # Fixed: lets a newer MSI replace an older one instead of installing beside it.
        '--win-upgrade-uuid', '5b0f3c1e-6f7a-4d8e-9a51-3c2b7e0d9f41'
    )
}
# --fast has no effect on WiX's cabinet compression (jpackage does not expose it); it is accepted for symmetry.
& $jpackage --type $Type @common
if ($LASTEXITCODE -ne 0) { throw "jpackage failed ($LASTEXITCODE); run again with --verbose added for WiX's output" }
Remove-Item -Recurse -Force $work
Get-ChildItem $Dest | ForEach-Object { Log ("{0} ({1:N1} MiB)" -f $_.Name, ($_.Length / 1MB)) }
Log ("done in {0:N0} s ({1})" -f $sw.Elapsed.TotalSeconds, $Mode)
