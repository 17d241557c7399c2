#!/usr/bin/env bash
# Idempotent set-up run before `npm test`, `npm start` and `npm run promote`.
# Fast when everything is present; installs what is missing, or says exactly
# what to install when it cannot (not root, not Debian/Ubuntu).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"

# Debian's Jupyter runs Debian's python3; a pyenv python3 earlier on PATH has no Jupyter.
system_python=/usr/bin/python3
apt_packages=(python3-nbclient python3-nbformat python3-jsonschema jupyter-client
  jupyter-nbconvert jupyter-notebook chromium fonts-liberation fonts-dejavu-core postgresql)

missing=()
if ! [ -x "$system_python" ] || ! "$system_python" -c "import nbclient, nbformat, jsonschema, nbconvert, notebook" 2>/dev/null; then
  missing+=(jupyter)
fi
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# The database tests start a private cluster of their own with these binaries (test/support/postgres.ts).
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing system packages (${missing[*]}) with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
  else
    echo "setup: missing ${missing[*]}. Install, as root on Debian/Ubuntu:" >&2
    echo "  apt-get install -y ${apt_packages[*]}" >&2
    echo "(elsewhere: Jupyter with nbclient/nbconvert/notebook for /usr/bin/python3, and a Chromium binary named 'chromium' on PATH)" >&2
    exit 1
  fi
fi

# npm ci when node_modules is missing or older than the lock.
stamp=node_modules/.salic-ml-lock.sha256
lock_sum="$(sha256sum package-lock.json | cut -d' ' -f1)"
if ! [ -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ]; then
  echo "setup: installing npm packages from the lock (npm ci)" >&2
  npm ci --no-audit --no-fund
  echo "$lock_sum" > "$stamp"
fi

# The tslab kernel lives in an ignored folder of the repo: JUPYTER_PATH points
# here (see src/jupyter/env.ts), so the user's home is never touched.
kernel_dir=.jupyter/share/jupyter/kernels/tslab
kernel_json="{\"argv\": [\"$(command -v node)\", \"$repo/node_modules/tslab/bin/tslab\", \"kernel\", \"--config-path\", \"{connection_file}\"], \"display_name\": \"TypeScript (tslab)\", \"language\": \"typescript\"}"
if ! [ -f "$kernel_dir/kernel.json" ] || [ "$(cat "$kernel_dir/kernel.json")" != "$kernel_json" ]; then
  mkdir -p "$kernel_dir"
  printf '%s' "$kernel_json" > "$kernel_dir/kernel.json"
fi

# `npm run lab`'s config and its Plotly renderer, in the same ignored folder
# (JUPYTER_CONFIG_DIR and JUPYTER_DATA_DIR, see src/jupyter/env.ts): the
# config (canonical saves) and the nbextension's source are the repository's
# jupyter/; plotly.js is node_modules' own, linked, never copied into the repo.
# Relative links keep working when the clone moves.
link() { # link TARGET NAME: NAME -> TARGET, unless it already is
  [ -L "$2" ] && [ "$(readlink "$2")" = "$1" ] || ln -sfn "$1" "$2"
}
mkdir -p .jupyter/config .jupyter/data/nbextensions/salic-plotly
link ../../jupyter/jupyter_notebook_config.py .jupyter/config/jupyter_notebook_config.py
link ../../../../jupyter/nbextension/main.js .jupyter/data/nbextensions/salic-plotly/main.js
link ../../../../node_modules/plotly.js-dist/plotly.js .jupyter/data/nbextensions/salic-plotly/plotly.js
if ! grep -qs '"salic-plotly/main": true' .jupyter/config/nbconfig/notebook.json; then
  JUPYTER_CONFIG_DIR="$repo/.jupyter/config" JUPYTER_DATA_DIR="$repo/.jupyter/data" \
    /usr/bin/jupyter nbextension enable --user salic-plotly/main >/dev/null 2>&1 ||
    { echo "setup: could not enable the Plotly nbextension (jupyter nbextension enable --user salic-plotly/main)" >&2; exit 1; }
fi

# Readable notebook diffs: .gitattributes sends *.ipynb to the "ipynb" diff
# driver, whose textconv prints cells' sources and text outputs, and images as
# a hash and size (scripts/ipynb-textconv.ts). Only in a git clone (not an
# unpacked package), and only this clone's .git/config. Node, tsx and the
# script by absolute path and URL: git runs the driver from any folder.
if git -C "$repo" rev-parse --git-dir >/dev/null 2>&1 &&
  tsx_loader="$(node --input-type=module -e 'console.log(import.meta.resolve("tsx"))' 2>/dev/null)"; then
  textconv="'$(command -v node)' --import '$tsx_loader' '$repo/scripts/ipynb-textconv.ts'"
  if [ "$(git -C "$repo" config --local --get diff.ipynb.textconv || true)" != "$textconv" ]; then
    git -C "$repo" config --local diff.ipynb.textconv "$textconv"
    # Hunk headers name the cell a change is in.
    git -C "$repo" config --local diff.ipynb.xfuncname '^## cell .*$'
  fi
fi
