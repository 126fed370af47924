#!/bin/sh
# Workflow Chat's Redis ACL users, as the lines of a Redis ACL file on stdout: one user per service,
# one per agent, an optional operator, and the default user switched off. The one source of these
# rules: docker compose runs it in the redis container at start (mounted from here), kustomize ships it
# in the redis-acl ConfigMap, and the tests run it. Plain POSIX sh: the redis:7 image has no bash.
#
# Input, from the environment:
#   WFCHAT_REDIS_PREFIX                      prefix of every Redis name (default wfchat)
#   WFCHAT_REDIS_PASSWORD_CHAT_SERVICE       \
#   WFCHAT_REDIS_PASSWORD_STATE_BROADCASTER   > one password per service, each required
#   WFCHAT_REDIS_PASSWORD_DISCORD_BRIDGE     /
#   WFCHAT_REDIS_AGENT_PASSWORDS             name=password,name=password,... (may be empty); user agent-<name>
#   WFCHAT_REDIS_PASSWORD_OPERATOR           optional: user operator, every right, for redis-cli
#                                            administration and the health checks
# A password must have 12 or more characters, no blank or control character, and not be a
# placeholder (change-me in any spelling). An agent name is 1-32 of a-z 0-9 - _, starting with a
# letter or a digit. On any fault: a message on stderr, nothing on stdout, exit status 1, so a Redis
# never starts on half a file.

prefix=${WFCHAT_REDIS_PREFIX:-wfchat}
lines=''
failed=''

fail() {
    echo "acl-users.sh: $*" >&2
    failed=yes
}

# Whether $2 is a password Redis may trust; $1 names it in the message.
check_password() {
    if [ -z "$2" ]; then
        fail "$1 is not set (run deploy/generate-secrets.sh, or set it in the environment)"
        return 1
    fi
    case "$2" in
        *[[:space:][:cntrl:]]*)
            fail "$1 contains a blank or control character: an ACL file line cannot hold it"
            return 1 ;;
    esac
    # Placeholders in any case and spelling: change-me, CHANGE_ME, ChangeMe...
    case "$(printf '%s' "$2" | tr '[:upper:]' '[:lower:]' | tr -d '_-')" in
        *changeme*)
            fail "$1 is a placeholder, not a password"
            return 1 ;;
    esac
    if [ "${#2}" -lt 12 ]; then
        fail "$1 is shorter than 12 characters"
        return 1
    fi
}

add() {
    lines="$lines$1
"
}

# A prefix becomes part of key and channel patterns: keep it to characters no pattern gives a meaning.
# Braces have none in Redis globs, and a Redis Cluster needs them: {wfchat} keeps every name in one slot.
case "$prefix" in
    *[!ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._{}-]*)
        fail "WFCHAT_REDIS_PREFIX '$prefix' may hold only letters, digits, '.', '_', '-', '{' and '}'" ;;
esac
P=$prefix

# The services: every key and channel under the prefix, no admin or dangerous command. The services
# PSUBSCRIBE to P:in:* and P:state:in:* (the agents' own channels), and Redis checks a PSUBSCRIBE
# pattern literally against the allowed channel patterns, so those patterns are listed as they are.
if check_password WFCHAT_REDIS_PASSWORD_CHAT_SERVICE "$WFCHAT_REDIS_PASSWORD_CHAT_SERVICE"; then
    add "user chat-service on >$WFCHAT_REDIS_PASSWORD_CHAT_SERVICE resetkeys resetchannels ~$P:* &$P:* &$P:in:* &$P:state:in:* +@all -@admin -@dangerous"
fi
if check_password WFCHAT_REDIS_PASSWORD_STATE_BROADCASTER "$WFCHAT_REDIS_PASSWORD_STATE_BROADCASTER"; then
    add "user state-broadcaster on >$WFCHAT_REDIS_PASSWORD_STATE_BROADCASTER resetkeys resetchannels ~$P:* &$P:* &$P:state:in:* +@all -@admin -@dangerous"
fi
if check_password WFCHAT_REDIS_PASSWORD_DISCORD_BRIDGE "$WFCHAT_REDIS_PASSWORD_DISCORD_BRIDGE"; then
    add "user discord-bridge on >$WFCHAT_REDIS_PASSWORD_DISCORD_BRIDGE resetkeys resetchannels ~$P:* &$P:* +@all -@admin -@dangerous"
fi

# The agents: each writes only its own way in (P:in:<a>, P:state:in:<a> and their streams) and reads
# only its own channel and stream, so no agent can speak on another's behalf or read another's
# decisions; the shared P:in and P:state:in are closed to them. XREVRANGE reads nothing XRANGE
# doesn't: an agent client asks it for its stream's newest entry, to start listening after it.
seen=' '
old_ifs=$IFS
# Split on commas only, and expand no wildcard a password may hold.
set -f
IFS=','
for entry in ${WFCHAT_REDIS_AGENT_PASSWORDS:-}; do
    IFS=$old_ifs
    [ -z "$entry" ] && continue
    name=${entry%%=*}
    if [ "$name" = "$entry" ]; then
        fail "agent '$name' in WFCHAT_REDIS_AGENT_PASSWORDS has no password (name=password; deploy/generate-secrets.sh adds one)"
        continue
    fi
    password=${entry#*=}
    case "$name" in
        '' | [!abcdefghijklmnopqrstuvwxyz0123456789]* | *[!abcdefghijklmnopqrstuvwxyz0123456789_-]*)
            fail "agent name '$name' is not 1-32 of a-z 0-9 - _ starting with a letter or a digit"
            continue ;;
    esac
    if [ "${#name}" -gt 32 ]; then
        fail "agent name '$name' is longer than 32 characters"
        continue
    fi
    case "$seen" in
        *" $name "*)
            fail "agent '$name' is listed twice in WFCHAT_REDIS_AGENT_PASSWORDS"
            continue ;;
    esac
    seen="$seen$name "
    if check_password "the password of agent '$name'" "$password"; then
        add "user agent-$name on >$password resetkeys resetchannels -@all +ping +hello +publish +xadd +subscribe +xread +xrange +xrevrange &$P:in:$name &$P:state:in:$name &$P:agent:$name %W~$P:in:$name:stream %W~$P:state:in:$name:stream %R~$P:agent:$name:stream"
    fi
done
IFS=$old_ifs
set +f

# For people at redis-cli (XREVRANGE of the dead letters, BGSAVE, ACL LIST) and the health checks,
# once the default user is off.
if [ -n "${WFCHAT_REDIS_PASSWORD_OPERATOR:-}" ] \
        && check_password WFCHAT_REDIS_PASSWORD_OPERATOR "$WFCHAT_REDIS_PASSWORD_OPERATOR"; then
    add "user operator on >$WFCHAT_REDIS_PASSWORD_OPERATOR ~* &* +@all"
fi

if [ -n "$failed" ]; then
    exit 1
fi
# Last: nobody connects without a user of their own.
printf '%suser default off\n' "$lines"
