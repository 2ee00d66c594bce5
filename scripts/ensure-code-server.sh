#!/usr/bin/env bash
# Installs the real VS Code workbench used by the e2e suite: code-server (VS Code 1.100.3) from npm plus
# Debian's Chromium. code-server's postinstall downloads ripgrep from the internet, which cannot work
# here, so the install is done in steps (recipe: ../shared/notes/real-vscode-offline.md).
# The result is cached by version (RARO_CACHE, default ~/.cache/raro); a second run returns in well under a
# second. Concurrent runs are serialised with flock.
set -euo pipefail

CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.100.3}"
CACHE_ROOT="${RARO_CACHE:-$HOME/.cache/raro}"
TOOL_DIR="$CACHE_ROOT/code-server-$CODE_SERVER_VERSION"
MARKER="$TOOL_DIR/.installed"

log() { printf '[ensure-code-server] %s\n' "$*" >&2; }

ensure_debian_packages() {
  # build-essential, python3 and pkg-config: `npm rebuild` compiles node-pty, spdlog, kerberos, argon2.
  local wanted=(chromium ripgrep libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev build-essential python3 pkg-config)
  local missing=()
  for pkg in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -eq 0 ]; then return 0; fi
  log "installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_code_server() {
  log "installing code-server $CODE_SERVER_VERSION into $TOOL_DIR (takes a few minutes once)"
  rm -rf "$TOOL_DIR"
  mkdir -p "$TOOL_DIR"
  cd "$TOOL_DIR"
  export npm_config_yes=true # node-pty's install script runs npx node-gyp
  echo '{"name":"raro-code-server-tool","private":true}' > package.json
  npm install --ignore-scripts --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION"
  cd node_modules/code-server/lib/vscode
  npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error
  # A present bin/ makes @vscode/ripgrep's postinstall skip its download.
  mkdir -p node_modules/@vscode/ripgrep/bin
  cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
  npm rebuild --loglevel=error
  ln -sfn node_modules node_modules.asar
  (cd bin/remote-cli && ln -sfn code-linux.sh code-server)
  (cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
  (cd extensions && npm install --omit=dev --no-audit --no-fund --loglevel=error)
  cd "$TOOL_DIR"
  npm rebuild argon2 --loglevel=error
  touch "$MARKER"
}

# stdout carries exactly one line, the package path; everything else goes to stderr.
ensure_debian_packages >&2
if [ ! -f "$MARKER" ]; then
  # Concurrent runs (two CI jobs, two test runs) must not install into the same folder at once: the second
  # one waits, then finds the marker.
  mkdir -p "$CACHE_ROOT"
  exec 9>"$CACHE_ROOT/.code-server-$CODE_SERVER_VERSION.lock"
  flock 9
  # An `if`, not `[ ... ] || install`: errexit is ignored inside an || list, so a failed step would still
  # reach the marker.
  if [ ! -f "$MARKER" ]; then
    install_code_server >&2
  fi
  flock -u 9
fi
echo "$TOOL_DIR/node_modules/code-server"
