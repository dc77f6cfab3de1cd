#!/usr/bin/env bash
# Creates a migration for both providers from the change in prisma/schema.prisma.
#   npm run db:migration -- <name>
# `prisma migrate dev` does not work with the offline JavaScript schema engine, so the SQL is
# produced with `prisma migrate diff` between the schema at the last commit and the current one.
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: npm run db:migration -- <name>}
stamp=$(date -u +%Y%m%d%H%M%S)
npx tsx scripts/derive-postgres-schema.ts
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p data
git show HEAD:prisma/schema.prisma > "$tmp/sqlite.prisma"
git show HEAD:prisma/postgres/schema.prisma > "$tmp/postgres.prisma"
mkdir -p "prisma/migrations/${stamp}_${name}" "prisma/postgres/migrations/${stamp}_${name}"
npx prisma migrate diff --from-schema-datamodel "$tmp/sqlite.prisma" --to-schema-datamodel prisma/schema.prisma --script \
  > "prisma/migrations/${stamp}_${name}/migration.sql"
npx prisma migrate diff --config prisma/postgres/prisma.config.ts --from-schema-datamodel "$tmp/postgres.prisma" \
  --to-schema-datamodel prisma/postgres/schema.prisma --script > "prisma/postgres/migrations/${stamp}_${name}/migration.sql"
echo "created prisma/migrations/${stamp}_${name} and prisma/postgres/migrations/${stamp}_${name}"
