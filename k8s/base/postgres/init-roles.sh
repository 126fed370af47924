#!/bin/sh
# PostgreSQL's roles for Workflow Chat: one per service, none of them the superuser. The postgres
# image runs this once, when it creates the database (a file in /docker-entrypoint-initdb.d, as its
# superuser, over the local socket): docker compose mounts it from here, kustomize ships it in the
# postgres-init ConfigMap. It may also be run again by hand (it changes nothing that is already right),
# e.g. on a database made when the chat-service still logged in as the superuser, whose name was then
# POSTGRES_USER (wfchat by default):
#   docker compose exec -e POSTGRES_USER=wfchat postgres sh /docker-entrypoint-initdb.d/10-roles.sh
#
# Input, from the environment: POSTGRES_USER and POSTGRES_DB (the image's), and the services'
# passwords, WFCHAT_DB_PASSWORD_CHAT_SERVICE and WFCHAT_DB_PASSWORD_STATE_BROADCASTER (both required).
# A database made before the state-broadcaster kept its record here gets its role the same way: run the
# script once by hand (as above, without POSTGRES_USER on a database made with these roles).
set -e

: "${WFCHAT_DB_PASSWORD_CHAT_SERVICE:?is not set: run deploy/generate-secrets.sh}"
: "${WFCHAT_DB_PASSWORD_STATE_BROADCASTER:?is not set: run deploy/generate-secrets.sh}"

# psql's :'name' quotes a variable as an SQL literal and :"name" as an identifier, so no password
# or name is ever spliced into the SQL text.
psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-wfchat}" \
    -v db="${POSTGRES_DB:-wfchat}" \
    -v chat_password="$WFCHAT_DB_PASSWORD_CHAT_SERVICE" \
    -v state_password="$WFCHAT_DB_PASSWORD_STATE_BROADCASTER" <<'SQL'
-- The chat-service: it owns the database, so Flyway creates and migrates its tables in the public
-- schema (owned by the database's owner since PostgreSQL 15), and nothing else.
SELECT 'CREATE ROLE chat_service' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'chat_service')
\gexec
ALTER ROLE chat_service WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'chat_password';
ALTER DATABASE :"db" OWNER TO chat_service;
-- Only roles granted it may connect; a service with its own role gets CONNECT on its own.
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
-- Tables made before this role existed (by the superuser) become its own, so Flyway can migrate
-- them; their indexes and serial sequences follow. Nothing to do in a new database.
SELECT format('ALTER TABLE public.%I OWNER TO chat_service', tablename) FROM pg_tables
 WHERE schemaname = 'public' AND tableowner <> 'chat_service'
\gexec
SELECT format('ALTER SEQUENCE public.%I OWNER TO chat_service', c.relname) FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'public' AND c.relkind = 'S' AND pg_get_userbyid(c.relowner) <> 'chat_service'
   AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i'))
\gexec

-- The state-broadcaster: the workflow's record, in a schema of its own (workflow) with its own Flyway
-- history. It may connect, and it owns that schema, made here so that it needs no right to create
-- schemas in the database (Flyway's create-schemas finds it there). Neither service is granted
-- anything on the other's tables.
SELECT 'CREATE ROLE state_broadcaster' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'state_broadcaster')
\gexec
ALTER ROLE state_broadcaster WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'state_password';
GRANT CONNECT ON DATABASE :"db" TO state_broadcaster;
CREATE SCHEMA IF NOT EXISTS workflow AUTHORIZATION state_broadcaster;
ALTER SCHEMA workflow OWNER TO state_broadcaster;
SQL
