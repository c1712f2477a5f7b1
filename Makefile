# Keel: every everyday command. `make help` lists them, by area.
# This file is the team's: add your own targets here, under a `##@ Area` line of yours or Keel's;
# `make template-sync` never touches it. Keel's toolkit (make run, migrations, development
# databases, forking, checks) comes from tools/keel.mk, which Keel owns: `make template-sync
# FROM=upstream/main` takes its updates by a three-way merge (docs/forking.md).

SHELL := /bin/bash
.DEFAULT_GOAL := help

include tools/keel.mk

.PHONY: test verify build image clean format openapi check-format bench-startup bench-image bench-lint soak

##@ Run and test
# Two modules at a time: the toolkit's long migration tests run beside the template's first modules (docs/testing.md).
test: jdk ## Run every test: unit, architecture, integration on real PostgreSQL 17 and S3
	$(MVN) test -T 2

verify: jdk ## What CI runs: the tests, the packaged jars, the image and every check (make run end to end, a fork, compose, rename)
	$(MVN) verify -Dkeel.image.skip=false
	$(MAKE) --no-print-directory keel-checks

build: jdk ## Build the application jar and the dev launcher, without tests
	$(MVN) -q package -DskipTests

image: jdk ## The OCI image, no Docker needed: bootstrap/target/keel-image.tar; REGISTRY=ghcr.io/acme/shop [TAG=1.2.0] pushes (docs/image.md)
ifeq ($(REGISTRY),)
	$(MVN) -q pre-integration-test -DskipTests -pl tools/devservices,bootstrap -am -Dkeel.image.skip=false
	@echo "image: $(APP_JAR:-app.jar=-image.tar) ($$(du -h $(APP_JAR:-app.jar=-image.tar) | cut -f1))"
else
	$(MVN) -q package -DskipTests -pl tools/devservices,bootstrap -am -Dkeel.image.push.skip=false -Dkeel.image.name=$(REGISTRY):$(or $(TAG),latest) \
	  $${REGISTRY_USERNAME:+-Djib.to.auth.username="$$REGISTRY_USERNAME" -Djib.to.auth.password="$$REGISTRY_PASSWORD"}
endif

clean: jdk ## Remove build output (never the data in .keel/)
	$(MVN) -q clean

format: jdk ## Format every Java source (Spotless with palantir-java-format)
	$(MVN) -q spotless:apply

openapi: jdk ## Rewrite docs/openapi.json from the running application (review its diff: it is the API's)
	$(MVN) -q test -pl tools/devservices,bootstrap -am -Dtest=OpenApiDocumentTest -Dsurefire.failIfNoSpecifiedTests=false \
	  -Dkeel.openapi.write=true

help: ## List the targets, by area

##@ Checks
check-format: jdk ## The Java sources are formatted as make format leaves them (mvn verify checks it too)
	$(MVN) -q spotless:check

##@ Benchmarks
bench-startup: jdk $(APP_JAR) $(LAUNCHER_JAR) ## Keel's own start against a trivial Spring Boot app, and make run to health UP, fresh and existing data (median of 5)
	@bench/startup

bench-image: jdk ## The image's start-up to readiness UP, with its AOT cache and without (median of RUNS=5; as root)
	set -o pipefail; $(MVN) verify -pl tools/devservices,bootstrap -am -Dkeel.image.skip=false -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
	  -Dit.test='ImageIT#startUpWithTheBakedAotCacheAndWithout' -Dkeel.it.excluded-groups=none -Dkeel.image.startups=$(or $(RUNS),5) \
	  | grep -E '^ImageIT:|Tests run:|FAIL|ERROR'

bench-lint: jdk $(MIGRATE_JAR) ## Lint 1,000 generated migrations: wall time with JVM start, files per second, ratio to squawk
	@bench/lint

soak: jdk $(APP_JAR) $(LAUNCHER_JAR) ## Hold the API at half its capacity with malformed requests beside it (MINUTES=10): no 5xx, p99, memory
	@bench/soak $(MINUTES)
