"""nbformat 4 schema validation for src/jupyter/schema.ts.

Usage: /usr/bin/python3 validate.py FILE...  Prints one JSON object mapping
each file to a list of {"path": [...], "message": "..."} (empty when valid).
"""
import json
import sys

from nbformat.validator import iter_validate


def problems(path):
    try:
        with open(path, encoding="utf-8") as f:
            nb = json.load(f)
    except Exception as error:  # unreadable or not JSON
        return [{"path": [], "message": f"not readable as JSON: {error}"}]
    if not isinstance(nb, dict) or nb.get("nbformat") != 4:
        return [{"path": [], "message": "not an nbformat 4 notebook"}]
    found = []
    for error in iter_validate(nb, version=4, version_minor=nb.get("nbformat_minor")):
        message = error.message if len(error.message) <= 300 else error.message[:299] + "…"
        found.append({"path": list(error.absolute_path), "message": message})
    return found


if __name__ == "__main__":
    print(json.dumps({path: problems(path) for path in sys.argv[1:]}, ensure_ascii=False))
