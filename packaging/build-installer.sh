#!/usr/bin/env bash
# Builds the CaptiveWatch installer for the OS this runs on (Linux: deb or rpm, macOS: dmg) from the
# jar folder target/app (made by `mvn package`). Normally run through Maven:
#
#   mvn -B -Pinstaller package                         # release compression
#   mvn -B -Pinstaller -Dinstaller.mode=fast package    # gzip -1 instead of xz: for CI and tests
#
# or directly, after `mvn -B -DskipTests package`:
#
#   packaging/build-installer.sh [--fast] [--type deb|rpm|app-image|dmg|pkg] [--version 0.1.0-SNAPSHOT]
#                                [--app-dir target/app] [--dest target/installer]
#
# Steps: jdeps measures which JDK modules the app and its libraries use; jlink builds a trimmed runtime
# (plus the modules only reached through services or reflection: TLS curves, charsets, ...); jpackage
# makes the package; on Debian the package is then completed with the files that live outside
# /opt/captivewatch (the `captivewatch` command, the menu entry, AppStream metadata, the icon) so that
# dpkg owns them and removes them on uninstall. The rpm gets the same files through its spec template.
# Windows: packaging/build-installer.ps1.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
app_dir=$root/target/app
dest=$root/target/installer
mode=release
type=
version=

usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --fast) mode=fast ;;
    --mode=*) mode=${1#--mode=} ;;
    --type) type=${2:?--type needs a value}; shift ;;
    --type=*) type=${1#--type=} ;;
    --version) version=${2:?--version needs a value}; shift ;;
    --version=*) version=${1#--version=} ;;
    --app-dir) app_dir=${2:?--app-dir needs a value}; shift ;;
    --app-dir=*) app_dir=${1#--app-dir=} ;;
    --dest) dest=${2:?--dest needs a value}; shift ;;
    --dest=*) dest=${1#--dest=} ;;
    ''|--mode=) ;;
    -h|--help) usage ;;
    *) echo "build-installer: unknown option '$1'" >&2; usage ;;
  esac
  shift
done
case "$mode" in release|fast) ;; *) echo "build-installer: --mode must be release or fast, not '$mode'" >&2; exit 2 ;; esac

log() { printf 'build-installer: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || die "'$1' not found: $2"; }

os=$(uname -s)
if [ -z "$type" ]; then
  case "$os" in
    Linux) if command -v dpkg-deb >/dev/null 2>&1; then type=deb; else type=rpm; fi ;;
    Darwin) type=dmg ;;
    *) die "unsupported OS '$os' (on Windows use packaging/build-installer.ps1)" ;;
  esac
fi

# --- version: from the pom unless given; jpackage wants numbers only (0.1.0-SNAPSHOT -> 0.1.0) -----------
if [ -z "$version" ]; then
  version=$(sed -n '/<parent>/,/<\/parent>/d; s:^  <version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -n 1)
fi
numeric=$(printf '%s' "$version" | sed -E 's/^([0-9]+(\.[0-9]+){0,2}).*/\1/')
[[ "$numeric" =~ ^[0-9]+(\.[0-9]+){0,2}$ ]] || die "cannot make a numeric version out of '$version'"
if [ "$os" = Darwin ] && [[ "$numeric" == 0* ]]; then
  # jpackage refuses a macOS bundle version whose first number is 0 (CFBundleVersion rule).
  numeric="1${numeric#0}"
  log "macOS: jpackage needs a first version number >= 1; using $numeric for $version"
fi

# --- inputs and tools ------------------------------------------------------------------------------------
[ -f "$app_dir/captivewatch.jar" ] || die "$app_dir/captivewatch.jar missing: run 'mvn -B -DskipTests package' first"
need jpackage "install a full JDK 17 (Debian: openjdk-17-jdk)"
need jlink "install a full JDK 17 (Debian: openjdk-17-jdk)"
need jdeps "install a full JDK 17 (Debian: openjdk-17-jdk)"
case "$type" in
  deb)
    need fakeroot "apt-get install fakeroot"
    need dpkg-deb "apt-get install dpkg"
    need objcopy "apt-get install binutils (jpackage strips the runtime with it)"
    ;;
  rpm)
    need rpmbuild "install rpm-build (Debian: apt-get install rpm)"
    need objcopy "install binutils"
    ;;
esac

icon=$root/icons/png/app-256.png
[ -f "$icon" ] || die "$icon missing (the app icon; icons/ comes from the tray branch)"

work=$root/target/installer-work
rm -rf "$work"
mkdir -p "$work/resources" "$dest"
start=$(date +%s)

# --- runtime: the JDK modules the app uses ----------------------------------------------------------------
# jdeps sees static references (the app, Gson, jsoup, JavaFX). It cannot see what is only loaded through
# services or reflection, so these are always added:
#   jdk.crypto.ec     elliptic-curve TLS (most https servers need it; the https probe and login pages)
#   jdk.charsets      portal pages in Shift_JIS, GBK, Big5, ... (`analyze` reads any charset)
#   java.net.http, java.logging, java.prefs, java.naming, jdk.net
#   jdk.jsobject, jdk.xml.dom, java.xml, jdk.unsupported, jdk.unsupported.desktop: JavaFX web/swing/graphics
#   jdk.zipfs         (JavaFX can unpack natives from its jars; ours are beside them, see "input" below)
baseline=java.base,java.desktop,java.logging,java.net.http,java.naming,java.prefs,java.xml,jdk.crypto.ec,jdk.charsets,jdk.jsobject,jdk.net,jdk.unsupported,jdk.unsupported.desktop,jdk.xml.dom,jdk.zipfs
measured=$(cd "$app_dir" && jdeps --multi-release 17 --ignore-missing-deps --print-module-deps \
             --class-path 'lib/*' captivewatch.jar lib/*.jar 2>/dev/null | tail -n 1) || measured=
if [[ ! "$measured" =~ ^[a-z.,]+$ ]]; then
  log "WARNING: jdeps gave no module list ('$measured'); using the baseline only"
  measured=
fi
modules=$(printf '%s,%s' "$baseline" "$measured" | tr ',' '\n' | grep -v '^$' | sort -u | paste -sd, -)
log "jdeps measured: ${measured:-<none>}"
log "runtime modules: $modules"
# No --strip-native-commands: the app starts its login window as a second JVM with the runtime's own bin/java
# (LoginWindowProcess; without it, it falls back to the jpackage launcher, which is slower to start).
# --generate-cds-archive: the runtime's default class archive (faster starts; the login window's own AppCDS
# archive, LoginCdsArchive, extends it and is not used without it).
jlink --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 --generate-cds-archive \
      --output "$work/runtime"
log "runtime: $(du -sh "$work/runtime" | cut -f1) after $(( $(date +%s) - start )) s"

# --- input: the app folder, each native library once ----------------------------------------------------
# `mvn package` puts JavaFX's native libraries beside its jars (JavaFX loads them from there instead of hashing
# the copies inside the jars against ~/.openjfx/cache on every start, docs/BENCHMARKS.md). The package needs
# them only there: the platform jars are repacked without them (≈50 MB less in the package).
input=$work/input
cp -a "$app_dir" "$input"
for jar in "$input"/lib/javafx-*.jar; do
  mapfile -t natives < <(jar tf "$jar" | grep -E '^[^/]+\.(so|dylib|dll)$' || true)
  [ "${#natives[@]}" -gt 0 ] || continue
  for n in "${natives[@]}"; do
    [ -f "$input/lib/$n" ] || die "$n is in $(basename "$jar") but not beside it: run 'mvn -B -DskipTests package' again"
  done
  x=$work/repack
  rm -rf "$x" && mkdir -p "$x"
  (cd "$x" && jar xf "$jar")
  for n in "${natives[@]}"; do rm -f "$x/$n"; done
  mv "$x/META-INF/MANIFEST.MF" "$work/repack.mf"
  jar --create --file "$jar.new" --manifest "$work/repack.mf" -C "$x" .
  mv "$jar.new" "$jar"
done
rm -rf "$work/repack" "$work/repack.mf"
if [ "$os" = Linux ]; then
  # the class archives are made where the app is installed (postinst / %post): what that needs
  install -m 644 "$here/linux/tray.classlist" "$here/linux/login.classlist" "$input/"
  install -m 755 "$here/linux/make-class-archives.sh" "$input/make-class-archives.sh"
fi
log "input: $(du -sh "$input" | cut -f1) (JavaFX natives beside the jars only)"

# --- jpackage --------------------------------------------------------------------------------------------
description="Notices captive portals and opens their login page"
long_description="You joined the hotel, airport or cafe Wi-Fi and nothing works until you accept
something on a web page. CaptiveWatch lives in the system tray, notices that
page with the same connectivity checks phones use, finds its address and opens
it in a small login window that closes by itself once you are online. It
explains its verdict and gives advice when there is no portal to sign in to.
The captivewatch command checks the network from scripts:
captivewatch check --json"
common=(
  --name CaptiveWatch
  --app-version "$numeric"
  --vendor CaptiveWatch
  --description "$description"
  --copyright "Copyright 2026 the CaptiveWatch authors. Apache License 2.0."
  --input "$input"
  --main-jar captivewatch.jar
  --main-class io.captivewatch.Main
  # A desktop footprint for a tray app that idles for days (measured in docs/BENCHMARKS.md): serial GC, a
  # small start heap that gives memory back, a small young generation, C1 only, smaller thread stacks.
  --java-options "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xms8m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:MaxNewSize=4m"
  --runtime-image "$work/runtime"
  --dest "$dest"
  --temp "$work/jpackage"
  --resource-dir "$work/resources"
)

case "$type" in
  deb|rpm|app-image)
    [ "$os" = Linux ] || die "--type $type needs Linux"
    deb_deps="libgtk-3-0 | libgtk-3-0t64, libxtst6, libxi6, libxrender1, libasound2 | libasound2t64, fontconfig, fonts-dejavu-core"
    rpm_deps="gtk3, libXtst, libXi, libXrender, alsa-lib, fontconfig, dejavu-sans-fonts"
    # No --icon here: with an icon jpackage adds its own menu entry (captivewatch-CaptiveWatch.desktop,
    # installed by xdg-desktop-menu, and a dependency on xdg-utils). Ours is packaged instead.
    linux=(
      # AWT (tray) and JavaFX (windows) must load the same GTK; the app sets it too, this is before any code.
      --java-options -Djdk.gtk.version=3
      # Linux only (glibc): give freed native memory back every 10 s (issue #17 item 3, docs/BENCHMARKS.md)
      --java-options "-XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=10000"
      # the tray app's class archive, made by the package's postinst / %post (make-class-archives.sh: where no
      # archive of its own can be made, this name links to the runtime's)
      --java-options "-XX:SharedArchiveFile=\$APPDIR/captivewatch.jsa"
      --linux-package-name captivewatch
      --linux-app-release 1
      --linux-app-category net
      --linux-menu-group Network
    )
    sed -e "s|@DESKTOP_FILE@|$here/linux/captivewatch.desktop|" \
        -e "s|@METAINFO_FILE@|$here/linux/io.captivewatch.CaptiveWatch.metainfo.xml|" \
        -e "s|@ICON_DIR@|$root/icons/png|" "$here/linux/captivewatch.spec" > "$work/resources/captivewatch.spec"
    if [ "$type" = deb ]; then
      linux+=(--linux-deb-maintainer packaging@captivewatch.io --linux-package-deps "$deb_deps")
      rm -f "$dest"/captivewatch_*.deb
      # jpackage's own dpkg-deb run stores uncompressed: the package is repacked (and compressed) below.
      DPKG_DEB_COMPRESSOR_TYPE=none jpackage --type deb "${common[@]}" "${linux[@]}" --license-file "$root/LICENSE"
    elif [ "$type" = rpm ]; then
      linux+=(--linux-rpm-license-type Apache-2.0 --linux-package-deps "$rpm_deps")
      rm -f "$dest"/captivewatch-*.rpm
      # (rpmbuild compresses with its default; --fast changes nothing for rpm.)
      jpackage --type rpm "${common[@]}" "${linux[@]}" --license-file "$root/LICENSE"
    else
      jpackage --type app-image "${common[@]}" --icon "$icon"
      # no installer script runs for an image: its class archives are made here, for where it is now
      sh "$dest/CaptiveWatch/lib/app/make-class-archives.sh" --installed "$dest/CaptiveWatch/lib/app" || true
    fi
    ;;
  dmg|pkg)
    [ "$os" = Darwin ] || die "--type $type needs macOS"
    mac=(--mac-package-identifier io.captivewatch.CaptiveWatch --mac-package-name CaptiveWatch)
    mac+=(--icon "$here/macos/CaptiveWatch.icns")  # made from icons/png by packaging/make-icons.sh
    # Info.plist with LSUIElement=true: a menu-bar (tray) app without a Dock icon.
    cp "$here/macos/Info.plist" "$work/resources/Info.plist"
    jpackage --type "$type" "${common[@]}" "${mac[@]}" --license-file "$root/LICENSE"
    ;;
  *) die "unknown --type '$type'" ;;
esac
log "jpackage done after $(( $(date +%s) - start )) s"

# --- Debian: add the files outside /opt, checksums, real Installed-Size; compress -------------------------
if [ "$type" = deb ]; then
  deb=$(ls "$dest"/captivewatch_*.deb)
  tree=$work/deb-tree
  dpkg-deb -R "$deb" "$tree"
  install -D -m 644 "$here/linux/captivewatch.desktop" "$tree/usr/share/applications/captivewatch.desktop"
  install -D -m 644 "$here/linux/io.captivewatch.CaptiveWatch.metainfo.xml" \
          "$tree/usr/share/metainfo/io.captivewatch.CaptiveWatch.metainfo.xml"
  for size in 16 32 48 64 128 256; do
    install -D -m 644 "$root/icons/png/app-$size.png" \
            "$tree/usr/share/icons/hicolor/${size}x${size}/apps/io.captivewatch.CaptiveWatch.png"
  done
  install -d -m 755 "$tree/usr/bin"
  ln -s /opt/captivewatch/bin/CaptiveWatch "$tree/usr/bin/captivewatch"
  # maintainer scripts: the class archives are made on install and removed on remove/upgrade
  install -m 755 "$here/linux/deb-postinst" "$tree/DEBIAN/postinst"
  install -m 755 "$here/linux/deb-prerm" "$tree/DEBIAN/prerm"
  (cd "$tree" && find . -path ./DEBIAN -prune -o -type f -print | sed 's|^\./||' | LC_ALL=C sort \
     | xargs -d '\n' md5sum) > "$tree/DEBIAN/md5sums"
  chmod 644 "$tree/DEBIAN/md5sums"
  installed_kib=$(du -sk --exclude=DEBIAN "$tree" | cut -f1)
  # Installed-Size as measured; Depends without the duplicates between jpackage's list (from the
  # runtime's shared libraries) and ours; the long description after the synopsis.
  awk -v size="$installed_kib" -v long="$long_description" '
    /^Installed-Size:/ { print "Installed-Size: " size; next }
    /^Depends:/ {
      n = split(substr($0, 10), parts, ","); out = ""
      for (i = 1; i <= n; i++) {
        d = parts[i]; gsub(/^ +| +$/, "", d)
        if (d != "" && !(d in seen)) { seen[d] = 1; out = out (out == "" ? "" : ", ") d }
      }
      print "Depends: " out; next
    }
    /^Description:/ {
      print; m = split(long, lines, "\n")
      for (i = 1; i <= m; i++) print " " lines[i]
      next
    }
    /^$/ { next }
    { print }' "$tree/DEBIAN/control" > "$tree/DEBIAN/control.new"
  mv "$tree/DEBIAN/control.new" "$tree/DEBIAN/control"
  # fast: gzip -1 (4 s here; xz -0 took 57 s for hardly a smaller file); release: xz -6, dpkg's default.
  if [ "$mode" = fast ]; then level=(-Zgzip -z1); else level=(-Zxz -z6); fi
  rm -f "$deb"
  dpkg-deb --root-owner-group "${level[@]}" --build "$tree" "$deb" >/dev/null
  rm -rf "$tree"
  log "package: $deb ($(du -h "$deb" | cut -f1), installed $((installed_kib / 1024)) MiB)"
fi

rm -rf "$work"
log "done in $(( $(date +%s) - start )) s ($mode): $(ls "$dest")"
