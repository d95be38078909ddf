#!/bin/sh
# Makes CaptiveWatch's class-data-sharing archives (AppCDS): the classes a process loads at its start (a class
# list), parsed, verified and laid out once, so each start maps them instead. Two processes have one: the tray app
# (tray.classlist -> captivewatch.jsa; cold start to tray icon ≈0.5 s -> ≈0.35 s here) and the login window's
# process (login.classlist -> login-window.jsa, which LoginCdsArchive prefers to recording its own, so the first
# login window after an install starts as fast as later ones). docs/BENCHMARKS.md has the numbers.
#
# JDK 17's archives are bound to the exact class path, so this runs where the app is installed: the deb's
# postinst and the rpm's %post, with the installed runtime; the bench makes them for target/app the same way.
#
#   make-class-archives.sh --installed APPDIR
#       both archives in APPDIR, for the class path of the launcher (APPDIR/CaptiveWatch.cfg)
#   make-class-archives.sh --remove APPDIR
#       removes them (and any half-made one): the deb's prerm and the rpm's %preun, since they are not package files
#   make-class-archives.sh [--fallback] JAVA CLASSPATH CLASSLIST ARCHIVE
#       one archive. --fallback: when it cannot be made, ARCHIVE becomes a link to the runtime's own archive (the
#       launcher names the tray's archive always, and a JVM told of a missing archive has no class sharing at all)
#
# Exit 0 when every archive (or its fallback) was made; 1 otherwise. The app starts either way.
set -u
# the archives' names in an installation; the launcher (build-installer.sh) and LoginCdsArchive.INSTALLED_NAME name them too
TRAY_ARCHIVE=captivewatch.jsa
LOGIN_ARCHIVE=login-window.jsa

# one JAVA CP LIST ARCHIVE FALLBACK(0|1)
one() {
  java=$1 cp=$2 list=$3 archive=$4 fallback=$5
  tmp="$archive.new.$$"
  rm -f "$tmp"
  # the dump names every listed class it cannot find or skips (a line each): not worth showing
  if [ -n "$cp" ] && [ -f "$list" ] \
     && timeout 300 "$java" -Xshare:dump -XX:SharedClassListFile="$list" -XX:SharedArchiveFile="$tmp" -cp "$cp" >/dev/null 2>&1 \
     && [ -s "$tmp" ] \
     && timeout 60 "$java" -Xshare:on -XX:SharedArchiveFile="$tmp" -cp "$cp" io.captivewatch.Main version >/dev/null 2>&1; then
    chmod 644 "$tmp" && mv -f "$tmp" "$archive" && { echo "captivewatch: class archive $archive ($(du -k "$archive" | cut -f1) KiB)"; return 0; }
  fi
  rm -f "$tmp"
  if [ "$fallback" = 1 ]; then
    home=$(dirname "$(dirname "$(readlink -f "$(command -v "$java")")")")
    for base in "$home/lib/server/classes.jsa" "$home/lib/client/classes.jsa"; do
      if [ -f "$base" ]; then
        rm -f "$archive" && ln -s "$base" "$archive" && { echo "captivewatch: no class archive of its own could be made; $archive uses the runtime's"; return 0; }
      fi
    done
  fi
  rm -f "$archive"
  echo "captivewatch: no class archive at $archive (that process starts without one of its own)" >&2
  return 1
}

if [ "${1:-}" = --installed ]; then
  app=${2:?--installed needs the app directory}
  java="$app/../runtime/bin/java"
  cp=$(sed -n "s|^app.classpath=\\\$APPDIR|$app|p" "$app/CaptiveWatch.cfg" | tr '\n' ':' | sed 's/:$//')
  status=0
  one "$java" "$cp" "$app/tray.classlist" "$app/$TRAY_ARCHIVE" 1 || status=1
  one "$java" "$cp" "$app/login.classlist" "$app/$LOGIN_ARCHIVE" 0 || status=1
  exit $status
fi
if [ "${1:-}" = --remove ]; then
  app=${2:?--remove needs the app directory}
  rm -f "$app/$TRAY_ARCHIVE" "$app/$LOGIN_ARCHIVE" "$app/$TRAY_ARCHIVE".new.* "$app/$LOGIN_ARCHIVE".new.*
  exit 0
fi
fallback=0
[ "${1:-}" = --fallback ] && { fallback=1; shift; }
[ $# -eq 4 ] || { echo "usage: $0 --installed APPDIR | --remove APPDIR | [--fallback] JAVA CLASSPATH CLASSLIST ARCHIVE" >&2; exit 2; }
one "$1" "$2" "$3" "$4" "$fallback"
