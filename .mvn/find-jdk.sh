# Finds a JDK >= 21 and exports JAVA_HOME for it. POSIX sh; sourced by mvnw, ./livetalk
# and .ci/run, so every entry point builds and runs on the same JDK.
#
# Order: LIVETALK_JAVA_HOME, then JAVA_HOME, then `java` on PATH, then the usual install
# folders (/usr/lib/jvm, /opt, ~/.sdkman, ~/.jdks), newest major version first.
# Without one it prints how to get one and exits 1.

livetalk_jdk_major() {
  # prints the major version of the JDK whose home is $1, or nothing
  [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

livetalk_find_jdk() {
  livetalk_best=""
  livetalk_best_major=0
  for livetalk_candidate in "${LIVETALK_JAVA_HOME-}" "${JAVA_HOME-}"; do
    [ -n "$livetalk_candidate" ] || continue
    livetalk_major=$(livetalk_jdk_major "$livetalk_candidate")
    if [ -n "$livetalk_major" ] && [ "$livetalk_major" -ge 21 ]; then
      JAVA_HOME="$livetalk_candidate"; export JAVA_HOME; return 0
    fi
  done
  livetalk_on_path=""
  if command -v javac >/dev/null 2>&1; then
    livetalk_on_path=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
  fi
  for livetalk_candidate in "$livetalk_on_path" /usr/lib/jvm/* /opt/* /opt/java/* \
      "${HOME-/root}"/.sdkman/candidates/java/* "${HOME-/root}"/.jdks/*; do
    [ -d "$livetalk_candidate" ] || continue
    livetalk_major=$(livetalk_jdk_major "$livetalk_candidate")
    [ -n "$livetalk_major" ] || continue
    if [ "$livetalk_major" -gt "$livetalk_best_major" ]; then
      livetalk_best="$livetalk_candidate"; livetalk_best_major="$livetalk_major"
    fi
  done
  if [ "$livetalk_best_major" -ge 21 ]; then
    JAVA_HOME="$livetalk_best"; export JAVA_HOME; return 0
  fi
  echo "livetalk: no JDK 21 or newer found (JAVA_HOME=${JAVA_HOME-unset}, newest seen: ${livetalk_best:-none})." >&2
  echo "livetalk: install one (e.g. 'apt-get install openjdk-21-jdk' or a Temurin 21+ JDK) and set LIVETALK_JAVA_HOME or JAVA_HOME to it." >&2
  exit 1
}

livetalk_set_glob=$(case $- in *f*) echo off;; *) echo on;; esac)
set +f
livetalk_find_jdk
[ "$livetalk_set_glob" = on ] || set -f
# Maven 3.9 still calls sun.misc.Unsafe through Guava; JDK 24+ warns about it on every build.
if [ "$(livetalk_jdk_major "$JAVA_HOME")" -ge 24 ]; then
  case "${MAVEN_OPTS-}" in
    *sun-misc-unsafe-memory-access*) ;;
    *) MAVEN_OPTS="${MAVEN_OPTS-} --sun-misc-unsafe-memory-access=allow"; export MAVEN_OPTS ;;
  esac
fi
