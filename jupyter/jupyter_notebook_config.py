# The project's classic-Notebook config. scripts/setup.sh links it into
# <repo>/.jupyter/config (JUPYTER_CONFIG_DIR of `npm run lab`), so it applies
# to the project's Jupyter only, never to the user's.
#
# Saving a notebook writes its canonical form, the one `npm run notebooks`
# writes and `npm test`'s render check requires, computed by the same
# TypeScript code (src/jupyter/canonical.ts, compiled into dist/ by
# `npm run build`, which `npm run lab` runs first).
import json
import os
import shutil
import subprocess

from notebook.services.contents.filemanager import FileContentsManager

REPO = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
CANONICALIZER = os.path.join(REPO, "dist", "src", "jupyter", "canonicalize-stdin.js")


def canonical_text(nb):
    """The canonical file text of a notebook (a dict), from the TypeScript canonicaliser."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("cannot write the canonical notebook: no `node` on PATH")
    if not os.path.exists(CANONICALIZER):
        raise RuntimeError(f"cannot write the canonical notebook: {CANONICALIZER} is missing (run `npm run build`)")
    run = subprocess.run(
        [node, CANONICALIZER],
        input=json.dumps(nb, ensure_ascii=False).encode("utf-8"),
        capture_output=True,
        timeout=60,
    )
    if run.returncode != 0:
        raise RuntimeError(f"canonicalize-stdin failed: {run.stderr.decode('utf-8', 'replace').strip()}")
    return run.stdout.decode("utf-8")


def canonicalize_model(model, **kwargs):
    """Pre-save hook: the model becomes canonical before Jupyter signs and writes it."""
    if model.get("type") != "notebook":
        return
    content = model["content"]
    canonical = json.loads(canonical_text(content))
    # The browser marks each code cell `trusted`; Jupyter pops the flags when it
    # signs the notebook. Canonical cells keep no such metadata, so the flags are
    # carried over (the cells keep their positions) and a notebook the user
    # trusted stays trusted once saved, signed as the file now reads.
    for before, after in zip(content.get("cells", []), canonical["cells"]):
        trusted = before.get("metadata", {}).get("trusted")
        if after["cell_type"] == "code" and trusted is not None:
            after["metadata"]["trusted"] = trusted
    model["content"] = canonical


class CanonicalContentsManager(FileContentsManager):
    """Writes notebooks as the canonicaliser's bytes.

    nbformat's own writer would give the same structure but Python's number
    formatting (1e-09 where the committed files have 1e-9), so the file
    would differ from the committed one in every notebook with such a number.
    """

    def _save_notebook(self, os_path, nb):
        text = canonical_text(nb)
        with self.atomic_writing(os_path, encoding="utf-8") as f:
            f.write(text)


c = get_config()  # noqa: F821 (defined by Jupyter when it loads this file)
c.NotebookApp.contents_manager_class = CanonicalContentsManager
c.FileContentsManager.pre_save_hook = canonicalize_model
