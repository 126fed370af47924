#!/usr/bin/env python3
"""A Workflow Chat agent in one file, with nothing but redis-py.

Run it against a running Workflow Chat (./run.sh):

    pip install redis                                     # or Debian's python3-redis
    python3 examples/python/agent.py                      # as the agent "data"
    AGENT=code WFCHAT_REDIS_PREFIX=wfchat QUARKUS_REDIS_HOSTS=redis://localhost:6379 python3 examples/python/agent.py

Where Redis gives each agent its own ACL user (k8s/base/redis/acl-users.sh), log in as it in the URL,
with any reserved character of the password percent-encoded:

    AGENT=data QUARKUS_REDIS_HOSTS=redis://agent-data:PASSWORD@redis:6379 python3 examples/python/agent.py

It says hello in #general, asks for a code_change approval (the card appears in #workflow) with
its risk, the reason and the command it would run, waits for the decision, and says what happened
and who decided: a person, a standing rule, the project's mode (policy) or the expiry. How the
request is to be decided comes from the environment, checked here as the chat checks it:

    RISK=low ON_EXPIRY=approve python3 examples/python/agent.py     # silence approves (low risk only)
    RISK=high REQUIRED_APPROVALS=2 ESCALATE_TO=lead python3 examples/python/agent.py

The contract it follows: docs/protocol.md, section "Redis".
"""
import json
import os
import re
import time
import uuid
from datetime import datetime, timezone

import redis

PREFIX = os.environ.get("WFCHAT_REDIS_PREFIX") or "wfchat"
REDIS_URL = (os.environ.get("QUARKUS_REDIS_HOSTS") or "redis://localhost:6379").split(",")[0].strip()
AGENT = os.environ.get("AGENT", "data")  # 1-32 of a-z 0-9 - _

RISKS = ("low", "medium", "high", "critical")  # the chat takes medium when none is said

IN_STREAM = PREFIX + ":in:" + AGENT + ":stream"            # this agent's own way in: all it sends
AGENT_STREAM = PREFIX + ":agent:" + AGENT + ":stream"      # everything addressed to this agent


def envelope(event_type, data, event_id=None):
    """The JSON envelope every payload travels in; the id makes a resend count once."""
    return json.dumps({
        "v": 1,
        "id": event_id or AGENT + "-" + uuid.uuid4().hex[:12],
        "type": event_type,
        "ts": datetime.now(timezone.utc).isoformat(),
        "source": "agent:" + AGENT,
        "data": data,
    })


def send(r, event_type, data, event_id=None):
    # The stream, not PUBLISH: it is kept while the chat-service is down. It is this agent's own:
    # the chat takes from it only this agent's events, with source agent:AGENT (and agent AGENT).
    r.xadd(IN_STREAM, {"event": envelope(event_type, data, event_id)})


def post(r, channel, markdown):
    send(r, "agent.message", {"channel": channel, "agent": AGENT, "content": markdown})


def approval_request(title, payload, risk="medium", reason=None, command=None, required_approvals=None,
                     on_expiry=None, escalate_to=None, expires_in_s=600):
    """The data of an approval.request; raises ValueError where the chat would refuse it."""
    if risk not in RISKS:
        raise ValueError("risk must be one of " + ", ".join(RISKS) + "; got: " + str(risk))
    if required_approvals is not None and not 1 <= required_approvals <= 5:
        raise ValueError("required_approvals must be between 1 and 5; got: " + str(required_approvals))
    if on_expiry not in (None, "reject", "approve"):
        raise ValueError("on_expiry must be reject or approve; got: " + str(on_expiry))
    if on_expiry == "approve" and risk != "low":
        raise ValueError("on_expiry approve is allowed only for low risk; this request's risk is " + risk)
    if escalate_to is not None and not re.fullmatch(r"[a-z0-9._-]{2,32}|role:admin", escalate_to):
        raise ValueError("escalate_to must be a username or role:admin; got: " + escalate_to)
    if command is not None and ("\n" in command or len(command) > 2000):
        raise ValueError("command must be one line of at most 2,000 characters")
    if reason is not None and len(reason) > 2000:
        raise ValueError("reason must be at most 2,000 characters")
    data = {"request_type": "code_change", "title": title, "payload": payload, "expires_in_s": expires_in_s,
            "risk": risk}
    # Only what the agent says goes out: an absent field lets the chat apply its default.
    for name, value in (("reason", reason), ("command", command), ("required_approvals", required_approvals),
                        ("on_expiry", on_expiry), ("escalate_to", escalate_to)):
        if value is not None:
            data[name] = value
    return data


def decided_by(decision):
    """Who decided, from decided_by: a username, rule:<id>, policy:<mode> or system (the expiry)."""
    by = decision.get("decided_by") or ""
    if decision["status"] == "expired" or by == "system":
        return "expiry", None
    if decision["status"] == "cancelled":
        return "agent", by
    if by.startswith("rule:"):
        return "rule", decision.get("rule_id") or by[len("rule:"):]
    if by.startswith("policy:"):
        return "policy", decision.get("mode") or by[len("policy:"):]
    return "person", by


def wait_for_decision(r, approval_id, after_id):
    """Reads this agent's stream from after_id until approval.decided for approval_id comes."""
    last_id = after_id
    while True:
        # BLOCK waits up to 5 s for new entries; an empty answer just means "nothing yet".
        for _stream, entries in r.xread({AGENT_STREAM: last_id}, count=100, block=5000) or []:
            for entry_id, fields in entries:
                last_id = entry_id
                event = json.loads(fields["event"])
                if event["type"] == "approval.decided" and event["data"]["approval_id"] == approval_id:
                    return event["data"]
                if event["type"] == "agent.direct":
                    print("DM or mention:", event["data"]["message"]["content"])


def main():
    required = os.environ.get("REQUIRED_APPROVALS")
    request = approval_request(
        "Speed up the report query",
        {"files": ["reports/query.sql"],
         "diff": "-SELECT * FROM orders\n+SELECT id, total FROM orders WHERE day = $1"},
        risk=os.environ.get("RISK", "medium"),
        reason="the daily report times out since orders passed a million rows",
        command="psql -f reports/query.sql",
        required_approvals=int(required) if required else None,
        on_expiry=os.environ.get("ON_EXPIRY") or None,
        escalate_to=os.environ.get("ESCALATE_TO") or None)

    r = redis.Redis.from_url(REDIS_URL, decode_responses=True)
    r.ping()

    send(r, "agent.status", {"agent": AGENT, "status": "online", "task": "Python example"})
    post(r, "general", "👋 Hello from **" + AGENT + "**, a Python agent.")

    # Remember where the agent's stream is now: the decision will come after this point,
    # even if a person decides before we start waiting.
    newest = r.xrevrange(AGENT_STREAM, count=1)
    after_id = newest[0][0] if newest else "0-0"

    approval_id = AGENT + "-approval-" + uuid.uuid4().hex[:8]  # the envelope id is the approval id
    send(r, "approval.request", request, event_id=approval_id)
    print("asked for approval", approval_id, "- approve or reject it in the chat (#workflow)")

    decision = wait_for_decision(r, approval_id, after_id)
    status = decision["status"]  # approved, rejected, expired or cancelled
    decider, who = decided_by(decision)
    if status == "approved" and decision.get("modifications"):
        post(r, "general", "✏️ Approved with changes, using them: `" + json.dumps(decision["modifications"]) + "`")
    elif status == "approved" and decider == "rule":
        post(r, "general", "👍 Approved by standing rule " + who + ". Merging…")
    elif status == "approved" and decider == "policy":
        post(r, "general", "👍 Approved at once: " + request["risk"] + " risk in " + who + " mode. Merging…")
    elif status == "approved" and decider == "expiry":
        post(r, "general", "👍 Nobody objected in time (on_expiry: approve). Merging…")
    elif status == "approved":
        post(r, "general", "👍 Approved by @" + who + ". Merging…")
    elif status == "rejected":
        post(r, "general", "🙏 Rejected:\n\n> " + (decision.get("comment") or "") + "\n\nRevising.")
    else:
        post(r, "general", "Request " + approval_id + " ended as " + status + ".")
    print("decision:", status)
    print("decided by:", decider if who is None else decider + " " + who)

    time.sleep(0.5)
    send(r, "agent.status", {"agent": AGENT, "status": "offline"})


if __name__ == "__main__":
    try:
        main()
    except ValueError as refused:
        raise SystemExit("not asking: " + str(refused))
