#!/usr/bin/env bash
# Writes the secrets of a Workflow Chat install, made on this machine and never committed:
#
#   .env                  docker compose's variables: .env.example with every password filled in
#                         (32 random letters and digits) and every other value kept from an old .env
#   k8s/base/secrets.env  the same secrets as kustomize's secretGenerator reads them (wfchat-secrets),
#                         derived from .env: change .env, never this file, and run the script again
#
# Usage: deploy/generate-secrets.sh [--force]
#
# A value .env already has is kept, so running it again only fills in what is new (an agent added to
# WFCHAT_REDIS_AGENT_PASSWORDS, a variable added to .env.example). An empty value, a placeholder or one
# shorter than 12 characters is replaced. --force draws every password anew: for a new install only,
# since PostgreSQL keeps the passwords it was initialised with. Both files are git-ignored, mode 600.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
template="$root/.env.example"
env_file="$root/.env"
k8s_file="$root/k8s/base/secrets.env"
force=no

case "${1:-}" in
    '') ;;
    --force) force=yes ;;
    -h | --help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "generate-secrets.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
esac
[ -f "$template" ] || { echo "generate-secrets.sh: $template is missing" >&2; exit 1; }

# Whatever is written is for this user's eyes only; a run that stops half-way leaves no stray file.
umask 077
tmp_files=()
trap 'rm -f "${tmp_files[@]+"${tmp_files[@]}"}"' EXIT

# The three services: their Redis users, and the k8s secret keys named after them.
services="chat-service state-broadcaster discord-bridge"

# The .env variables that wfchat-secrets carries, as "k8s-key ENV_VARIABLE".
k8s_keys="
database-password WFCHAT_DB_PASSWORD_CHAT_SERVICE
database-password-state-broadcaster WFCHAT_DB_PASSWORD_STATE_BROADCASTER
postgres-password POSTGRES_PASSWORD
admin-password WFCHAT_ADMIN_PASSWORD
bridge-password WFCHAT_BRIDGE_PASSWORD
discord-token DISCORD_TOKEN
redis-password-chat-service WFCHAT_REDIS_PASSWORD_CHAT_SERVICE
redis-password-state-broadcaster WFCHAT_REDIS_PASSWORD_STATE_BROADCASTER
redis-password-discord-bridge WFCHAT_REDIS_PASSWORD_DISCORD_BRIDGE
redis-password-operator WFCHAT_REDIS_PASSWORD_OPERATOR
redis-agent-passwords WFCHAT_REDIS_AGENT_PASSWORDS
"

say() {
    echo "generate-secrets.sh: $*" >&2
}

# 32 letters and digits. tr drops every byte that is not one, so each of the 62 is equally likely.
random_password() {
    local password=''
    while [ "${#password}" -lt 32 ]; do
        if [ -r /dev/urandom ]; then
            password+=$(head -c 128 /dev/urandom | LC_ALL=C tr -dc 'A-Za-z0-9')
        elif command -v openssl > /dev/null; then
            password+=$(openssl rand 128 | LC_ALL=C tr -dc 'A-Za-z0-9')
        else
            say "neither /dev/urandom nor openssl is there to draw passwords from"
            exit 1
        fi
    done
    printf '%s' "${password:0:32}"
}

# The value of KEY in FILE (its last line KEY=...); fails when FILE or KEY is not there.
value_of() {
    local line
    [ -f "$1" ] || return 1
    line=$(grep -E "^$2=" "$1" | tail -n 1) || return 1
    printf '%s' "${line#*=}"
}

# Whether a password would be refused (the services and acl-users.sh refuse the same).
weak() {
    local folded
    folded=$(printf '%s' "$1" | tr '[:upper:]' '[:lower:]' | tr -d '_-')
    [ "${#1}" -lt 12 ] || [[ $folded == *changeme* ]]
}

k8s_key_of() {
    local key variable
    while read -r key variable; do
        if [ "$variable" = "$1" ]; then
            printf '%s' "$key"
            return 0
        fi
    done <<< "$k8s_keys"
    return 1
}

# What .env had for VARIABLE, else what an older k8s/base/secrets.env had (a .env lost on a machine
# that installed on Kubernetes must not change the passwords PostgreSQL and Redis already hold).
previous_value() {
    local key
    value_of "$env_file" "$1" && return 0
    key=$(k8s_key_of "$1") && value_of "$k8s_file" "$key"
}

# The password for VARIABLE: the previous one if it is sound, else a new one.
password_for() {
    local value
    if [ "$force" = no ] && value=$(previous_value "$1"); then
        if ! weak "$value"; then
            printf '%s' "$value"
            return
        fi
        [ -n "$value" ] && say "$1 was a placeholder or shorter than 12 characters: replaced"
    fi
    random_password
}

# The agent list with a password for every name: name[=password],... -> name=password,...
agent_passwords() {
    local list='' entry name password
    local IFS=','
    set -f
    for entry in $1; do
        entry=${entry// /}
        [ -z "$entry" ] && continue
        name=${entry%%=*}
        password=''
        [ "$name" != "$entry" ] && password=${entry#*=}
        if ! [[ $name =~ ^[a-z0-9][a-z0-9_-]{0,31}$ ]]; then
            say "agent name '$name' in WFCHAT_REDIS_AGENT_PASSWORDS is not 1-32 of a-z 0-9 - _ starting with a letter or a digit"
            exit 1
        fi
        if [ "$force" = yes ] || weak "$password"; then
            [ -n "$password" ] && [ "$force" = no ] && say "agent $name's password was a placeholder or shorter than 12 characters: replaced"
            password=$(random_password)
        fi
        list+="${list:+,}$name=$password"
    done
    set +f
    printf '%s' "$list"
}

write_env() {
    local tmp line key value
    tmp=$(mktemp "$root/.env.XXXXXX")
    tmp_files+=("$tmp")
    while IFS= read -r line || [ -n "$line" ]; do
        case "$line" in
            '' | '#'*) printf '%s\n' "$line"; continue ;;
        esac
        key=${line%%=*}
        if [ "$key" = WFCHAT_REDIS_AGENT_PASSWORDS ]; then
            value=$(previous_value "$key" || printf '%s' "${line#*=}")
            value=$(agent_passwords "$value")
        elif [[ $key == *PASSWORD* ]]; then
            value=$(password_for "$key")
        else
            value=$(previous_value "$key" || printf '%s' "${line#*=}")
        fi
        printf '%s=%s\n' "$key" "$value"
    done < "$template" > "$tmp"
    # What an operator added to .env by hand stays, below the template's variables.
    if [ -f "$env_file" ]; then
        local extra
        extra=$(grep -E '^[A-Za-z_][A-Za-z0-9_]*=' "$env_file" | while IFS= read -r line; do
            grep -q -E "^${line%%=*}=" "$template" || printf '%s\n' "$line"
        done || true)
        if [ -n "$extra" ]; then
            printf '\n## Kept from the previous .env (not in .env.example)\n%s\n' "$extra" >> "$tmp"
        fi
    fi
    mv "$tmp" "$env_file"
}

write_k8s() {
    local tmp key variable service password
    tmp=$(mktemp "$k8s_file.XXXXXX")
    tmp_files+=("$tmp")
    {
        echo "# Generated by deploy/generate-secrets.sh from .env: the wfchat-secrets Secret (kustomize's"
        echo "# secretGenerator in k8s/base). Do not edit: change .env and run the script again. Git-ignored."
        # Each service's own PostgreSQL role (postgres/init-roles.sh creates them), not the superuser.
        echo "database-username=chat_service"
        echo "database-username-state-broadcaster=state_broadcaster"
        while read -r key variable; do
            [ -n "$key" ] && printf '%s=%s\n' "$key" "$(value_of "$env_file" "$variable")"
        done <<< "$k8s_keys"
        # Each service reaches Redis as its own ACL user (redis/acl-users.sh), password in the URL.
        for service in $services; do
            variable=WFCHAT_REDIS_PASSWORD_$(printf '%s' "$service" | tr 'a-z-' 'A-Z_')
            password=$(value_of "$env_file" "$variable")
            printf 'redis-hosts-%s=redis://%s:%s@redis:6379\n' "$service" "$service" "$password"
        done
    } > "$tmp"
    if [ -f "$k8s_file" ] && ! cmp -s "$tmp" "$k8s_file"; then
        say "k8s/base/secrets.env changed: kubectl apply -k rolls the pods that read it"
    fi
    mv "$tmp" "$k8s_file"
}

if [ "$force" = yes ]; then
    say "--force: every password is new; an installed PostgreSQL keeps its old ones (see k8s/README.md)"
fi
write_env
write_k8s
say "wrote .env and k8s/base/secrets.env (mode 600, git-ignored); the admin's password is WFCHAT_ADMIN_PASSWORD in .env"
