"""nbformat 4 schema validation for src/jupyter/schema.ts.

Usage: /usr/bin/python3 validate.py FILE...  Prints one JSON object mapping
each file to a list of {"path": [...], "message": "..."} (empty when valid).
"""
import json
import sys

from nbformat.validator import better_validation_error, get_validator


def problems(path):
    try:
        with open(path, encoding="utf-8") as f:
            nb = json.load(f)
    except Exception as error:  # unreadable or not JSON
        return [{"path": [], "message": f"not readable as JSON: {error}"}]
    if not isinstance(nb, dict) or nb.get("nbformat") != 4:
        return [{"path": [], "message": "not an nbformat 4 notebook"}]
    minor = nb.get("nbformat_minor", 0)
    # The jsonschema validator (not fastjsonschema) with nbformat's own
    # refinement, so a bad cell is reported at the offending field.
    validator = get_validator(4, minor, name="jsonschema")
    found = []
    for error in validator.iter_errors(nb):
        error = better_validation_error(error, 4, minor)
        message = error.message
        instance = repr(error.instance)
        if len(instance) > 60 and message.startswith(instance):
            message = "value" + message[len(instance):]
        if len(message) > 300:
            message = message[:299] + "…"
        found.append({"path": list(error.absolute_path), "message": message})
    return found


if __name__ == "__main__":
    print(json.dumps({path: problems(path) for path in sys.argv[1:]}, ensure_ascii=False))
