"""Long-lived envelope validator for the stand-in's strict consumer mode.

Reads one JSON request per line on stdin and writes one JSON answer per line on
stdout, in order, flushing after each, so one process serves a whole stand-in run:

    request:  {"envelope": {...}}                 validate one event envelope
              {"ping": true}                      liveness and version check
    answer:   {"ok": true}
              {"ok": false, "error": "<validator message>"}
              {"ok": true, "spec_kitty_events": "6.1.0"}           (ping)
              {"ok": false, "error": "...", "fatal": true}         (bad request line)

Validation is exactly what the hosted SaaS runs on every envelope:
``spec_kitty_events.conformance.validate_event(envelope, envelope["event_type"],
strict=True)``. Given the whole envelope (its ``payload`` a dict and its
``event_type`` the type asked for), validate_event checks the envelope's cutover
signal (``schema_version`` major 3), the payload's pydantic model, the
type's semantic rules (WPStatusChanged: the transition matrix), and the payload's
JSON Schema. ``strict=True`` makes a missing jsonschema an error rather than a
silently skipped layer. It does not look at other top-level envelope keys.

Only the standard library and spec_kitty_events are used. Nothing is written to
stderr per request, so a caller that never drains stderr cannot block us.
"""

from __future__ import annotations

import json
import sys
from importlib import metadata

from spec_kitty_events.conformance import validate_event

# The validator runs on the real server's inputs, where nesting is shallow; this
# bounds the answer if a violation echoes a huge input back.
MAX_ERROR_CHARS = 4000


def describe(result) -> str:
    """The violations as one line, in the validator's own words.

    A semantic or cutover violation is already a sentence (e.g. "review-rejection
    rollback in_progress -> planned requires force=True", as the hosted server
    answered in spec-kitty#2736), so it stays bare; a field violation gets its
    location, which pydantic's short messages ("Field required") need.
    """
    parts = []
    for violation in result.model_violations:
        if violation.violation_type in ("transition_rule", "cutover_policy") or not violation.field:
            parts.append(violation.message)
        else:
            parts.append(f"{violation.field}: {violation.message}")
    for violation in result.schema_violations:
        if violation.json_path in ("$", ""):
            parts.append(violation.message)
        else:
            parts.append(f"{violation.json_path}: {violation.message}")
    unique = list(dict.fromkeys(parts))
    return "; ".join(unique)[:MAX_ERROR_CHARS] or "invalid event"


def answer(request: object) -> dict:
    """The answer to one decoded request line."""
    if not isinstance(request, dict):
        return {"ok": False, "error": "request must be a JSON object", "fatal": True}
    if request.get("ping"):
        return {"ok": True, "spec_kitty_events": metadata.version("spec-kitty-events")}
    envelope = request.get("envelope")
    if not isinstance(envelope, dict):
        return {"ok": False, "error": "event must be a JSON object"}
    event_type = envelope.get("event_type")
    if not isinstance(event_type, str) or not event_type:
        return {"ok": False, "error": "event_type is required"}
    try:
        result = validate_event(envelope, event_type, strict=True)
    except ValueError as error:
        # An unregistered event type; the first sentence names it, the rest lists
        # every known type and would swamp the answer.
        return {"ok": False, "error": str(error).split(". Known types:")[0]}
    if result.valid:
        return {"ok": True}
    return {"ok": False, "error": describe(result)}


def main() -> int:
    out = sys.stdout
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            reply = answer(json.loads(line))
        except json.JSONDecodeError as error:
            reply = {"ok": False, "error": f"request is not JSON: {error}", "fatal": True}
        except Exception as error:  # a validator bug must cost one answer, not the process
            reply = {"ok": False, "error": f"validator failure: {type(error).__name__}: {error}", "fatal": True}
        out.write(json.dumps(reply, separators=(",", ":")) + "\n")
        out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
