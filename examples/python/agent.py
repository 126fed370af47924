#!/usr/bin/env python3
"""A Workflow Chat agent in one file, with nothing but redis-py.

Run it against a running Workflow Chat (./run.sh):

    pip install redis                                     # or Debian's python3-redis
    python3 examples/python/agent.py                      # as the agent "data"
    AGENT=code WFCHAT_REDIS_PREFIX=wfchat QUARKUS_REDIS_HOSTS=redis://localhost:6379 python3 examples/python/agent.py

Where Redis gives each agent its own ACL user (k8s/base/redis/acl-users.sh), log in as it in the URL,
with any reserved character of the password percent-encoded:

    AGENT=data QUARKUS_REDIS_HOSTS=redis://agent-data:PASSWORD@redis:6379 python3 examples/python/agent.py

It says hello in #general, asks for a code_change approval (the card appears in #workflow),
waits for a person to approve or reject it, and says what happened. The contract it follows:
docs/protocol.md, section "Redis".
"""
import json
import os
import time
import uuid
from datetime import datetime, timezone

import redis

PREFIX = os.environ.get("WFCHAT_REDIS_PREFIX") or "wfchat"
REDIS_URL = (os.environ.get("QUARKUS_REDIS_HOSTS") or "redis://localhost:6379").split(",")[0].strip()
AGENT = os.environ.get("AGENT", "data")  # 1-32 of a-z 0-9 - _

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
    r = redis.Redis.from_url(REDIS_URL, decode_responses=True)
    r.ping()

    send(r, "agent.status", {"agent": AGENT, "status": "online", "task": "Python example"})
    post(r, "general", "👋 Hello from **" + AGENT + "**, a Python agent.")

    # Remember where the agent's stream is now: the decision will come after this point,
    # even if a person decides before we start waiting.
    newest = r.xrevrange(AGENT_STREAM, count=1)
    after_id = newest[0][0] if newest else "0-0"

    approval_id = AGENT + "-approval-" + uuid.uuid4().hex[:8]  # the envelope id is the approval id
    send(r, "approval.request", {
        "request_type": "code_change",
        "title": "Speed up the report query",
        "payload": {"files": ["reports/query.sql"],
                    "diff": "-SELECT * FROM orders\n+SELECT id, total FROM orders WHERE day = $1"},
        "expires_in_s": 600,
    }, event_id=approval_id)
    print("asked for approval", approval_id, "- approve or reject it in the chat (#workflow)")

    decision = wait_for_decision(r, approval_id, after_id)
    status = decision["status"]  # approved, rejected, expired or cancelled
    if status == "approved" and decision.get("modifications"):
        post(r, "general", "✏️ Approved with changes, using them: `" + json.dumps(decision["modifications"]) + "`")
    elif status == "approved":
        post(r, "general", "👍 Approved by @" + decision["decided_by"] + ". Merging…")
    elif status == "rejected":
        post(r, "general", "🙏 Rejected:\n\n> " + (decision.get("comment") or "") + "\n\nRevising.")
    else:
        post(r, "general", "Request " + approval_id + " ended as " + status + ".")
    print("decision:", status)

    time.sleep(0.5)
    send(r, "agent.status", {"agent": AGENT, "status": "offline"})


if __name__ == "__main__":
    main()
