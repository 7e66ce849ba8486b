# Sourced by the .ci scripts: picks a JDK >= 21 and silences tool banners. No side effects beyond exports.
java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p'; }
pick_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then return 0; fi
  for d in /usr/lib/jvm/*; do
    [ -x "$d/bin/javac" ] || continue
    v=$(java_major "$d"); [ -n "$v" ] && [ "$v" -ge 21 ] 2>/dev/null || continue
    if [ -z "${best:-}" ] || [ "$v" -gt "$best_v" ]; then best=$d; best_v=$v; fi
  done
  if [ -z "${best:-}" ]; then echo "codec-lab needs a JDK >= 21: install one (e.g. Temurin 21 or 25) under /usr/lib/jvm or set JAVA_HOME" >&2; return 1; fi
  export JAVA_HOME=$best
}
pick_jdk || exit 1
export PATH="$JAVA_HOME/bin:$PATH"
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
export CDK_DISABLE_VERSION_CHECK=1
export MAVEN_OPTS="${MAVEN_OPTS:--Xmx2g} -Dstyle.color=never"

# Installs infra/package.json's tools (CDK CLI, ASL tools, dynalite) when the lock file's content changed.
ensure_npm_tools() {
  local root=$1 lock_sum
  lock_sum=$(sha256sum "$root/infra/package-lock.json" | cut -c1-64)
  if [ "$(cat "$root/infra/node_modules/.codec-lab-lock" 2>/dev/null)" != "$lock_sum" ]; then
    command -v npm >/dev/null || { echo "codec-lab needs Node.js >= 20 and npm (apt-get install nodejs npm)" >&2; return 1; }
    echo "codec-lab: installing npm tools into infra/node_modules" >&2
    (cd "$root/infra" && npm ci --no-audit --no-fund --loglevel=error >&2) || return 1
    echo "$lock_sum" > "$root/infra/node_modules/.codec-lab-lock"
  fi
}
