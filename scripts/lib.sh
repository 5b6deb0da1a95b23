# Shared helpers of the scripts/ commands. Sourced, not run.

# Debian packages to build the desktop app (WebKitGTK and its -dev closure) and to drive it.
APP_BUILD_PACKAGES="build-essential pkg-config libssl-dev libwebkit2gtk-4.1-dev"
E2E_PACKAGES="xvfb xauth webkit2gtk-driver"
# Tools the Rust tests drive: poppler (reference text, test pages rasterised into scans) and
# tesseract, so the OCR tests run rather than skip.
TEST_TOOL_PACKAGES="poppler-utils tesseract-ocr"

step() {
  local name=$1
  shift
  printf '\n==> %s: %s\n' "$name" "$*"
  "$@"
}

# Installs the Debian packages that are not installed yet (no-op when all are present).
ensure_apt_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  printf '==> installing Debian packages: %s\n' "${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_rust_components() {
  command -v cargo >/dev/null || { echo "error: cargo not found; install Rust from rustup.rs" >&2; exit 1; }
  for c in "$@"; do
    rustup component list --installed 2>/dev/null | grep -q "^$c" || rustup component add "$c"
  done
}

ensure_tauri_driver() {
  export PATH="$HOME/.cargo/bin:$PATH"
  command -v tauri-driver >/dev/null || cargo install tauri-driver --locked --version '^2'
}

# `npm ci` when the lock file changed since the last install (or nothing is installed).
ensure_npm_packages() {
  local dir=$1
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || ! cmp -s "$dir/package-lock.json" "$dir/node_modules/.dossier-lock"; then
    printf '==> npm ci in %s\n' "$dir"
    npm --prefix "$dir" ci --no-audit --no-fund --loglevel=error
    cp "$dir/package-lock.json" "$dir/node_modules/.dossier-lock"
  fi
}

# Fails when files under the given path differ from the commit (skipped outside a git checkout).
git_unchanged() {
  git rev-parse --git-dir >/dev/null 2>&1 || return 0
  if ! git diff --exit-code --stat -- "$1" || [ -n "$(git ls-files --others --exclude-standard -- "$1")" ]; then
    echo "error: $1 is out of date: run the tests and commit the regenerated files" >&2
    return 1
  fi
}
