#!/bin/sh
# Makes the tray app's class-data-sharing archive (AppCDS): the classes the app loads from its start to its first
# check (tray.classlist), parsed, verified and laid out once, so each start maps them instead (cold start to tray
# icon ≈0.5 s -> ≈0.33 s here; docs/BENCHMARKS.md). JDK 17's archives are bound to the exact class path, so this
# runs where the app is installed: the deb's postinst and the rpm's %post, with the installed runtime; the bench
# makes one for target/app the same way.
#
#   make-tray-archive.sh JAVA CLASSPATH CLASSLIST ARCHIVE
#   make-tray-archive.sh --installed APPDIR     (the launcher's class path from APPDIR/CaptiveWatch.cfg)
#
# The launcher always names ARCHIVE (-XX:SharedArchiveFile), and a JVM told of a missing archive runs with no
# class sharing at all: when the dump or its check fails, ARCHIVE becomes a link to the runtime's own archive
# (the start then is as without this). Exit 0 either way; 1 only when neither could be made.
set -u
if [ "${1:-}" = --installed ]; then
  app=${2:?--installed needs the app directory}
  java="$app/../runtime/bin/java"
  cp=$(sed -n "s|^app.classpath=\\\$APPDIR|$app|p" "$app/CaptiveWatch.cfg" | tr '\n' ':' | sed 's/:$//')
  list="$app/tray.classlist"
  archive="$app/captivewatch.jsa"
else
  [ $# -eq 4 ] || { echo "usage: $0 JAVA CLASSPATH CLASSLIST ARCHIVE | --installed APPDIR" >&2; exit 2; }
  java=$1 cp=$2 list=$3 archive=$4
fi
tmp="$archive.new.$$"
rm -f "$tmp"
# the dump names every listed class it cannot find or skips (a line each): not worth showing
if [ -n "$cp" ] && [ -f "$list" ] \
   && timeout 300 "$java" -Xshare:dump -XX:SharedClassListFile="$list" -XX:SharedArchiveFile="$tmp" -cp "$cp" >/dev/null 2>&1 \
   && [ -s "$tmp" ] \
   && timeout 60 "$java" -Xshare:on -XX:SharedArchiveFile="$tmp" -cp "$cp" io.captivewatch.Main version >/dev/null 2>&1; then
  chmod 644 "$tmp" && mv -f "$tmp" "$archive" && { echo "captivewatch: class archive $archive ($(du -k "$archive" | cut -f1) KiB)"; exit 0; }
fi
rm -f "$tmp"
home=$(dirname "$(dirname "$(readlink -f "$(command -v "$java")")")")
for base in "$home/lib/server/classes.jsa" "$home/lib/client/classes.jsa"; do
  if [ -f "$base" ]; then
    rm -f "$archive" && ln -s "$base" "$archive" && { echo "captivewatch: no class archive of its own could be made; $archive uses the runtime's"; exit 0; }
  fi
done
echo "captivewatch: no class archive at $archive (the app starts without class sharing)" >&2
exit 1
