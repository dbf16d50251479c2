#!/usr/bin/env node
/*
 * Checks compose files without a compose client: each file against the Compose Specification's JSON schema, then
 * what the schema cannot express and `docker compose config` would refuse (a dependency on an undeclared service,
 * an undeclared named volume, `service_healthy` on a service without a healthcheck).
 *
 * docker/schema/compose-spec.json is compose-spec/compose-spec's schema/compose-spec.json (commit 00655e2), fetched
 * as text with the project's code-search tool (read_file) because only the npm registry and Debian packages are
 * reachable from these machines. Replace it with a newer copy of that file to follow the specification.
 *
 * Uses the JSON-schema validator (ajv 8) and YAML parser (js-yaml), development dependencies of the project.
 */
const fs = require('node:fs');
const path = require('node:path');

function requireFromProject(name) {
  try {
    return require(require.resolve(name, { paths: [path.join(__dirname, '..')] }));
  } catch {
    console.error(`validate-compose: ${name} is not in node_modules (run npm ci first)`);
    process.exit(2);
  }
}

const Ajv = requireFromProject('ajv');
const yaml = requireFromProject('js-yaml');

// Compose reads YAML 1.2 with merge keys (<<); js-yaml 5 needs the merge tag added, js-yaml 4 has it by default.
const schemaOption =
  typeof yaml.CORE_SCHEMA?.withTags === 'function' ? { schema: yaml.CORE_SCHEMA.withTags([yaml.mergeTag]) } : {};
const specification = JSON.parse(fs.readFileSync(path.join(__dirname, 'schema', 'compose-spec.json'), 'utf8'));
delete specification.$schema; // draft-07 without the trailing '#', which ajv does not resolve offline
const validate = new (Ajv.default ?? Ajv)({ allErrors: true, strict: false }).compile(specification);

function crossReferences(project) {
  const problems = [];
  const services = project.services ?? {};
  const volumes = project.volumes ?? {};
  for (const [name, service] of Object.entries(services)) {
    const dependsOn = Array.isArray(service.depends_on)
      ? Object.fromEntries(service.depends_on.map((d) => [d, {}]))
      : (service.depends_on ?? {});
    for (const [target, rule] of Object.entries(dependsOn)) {
      if (!services[target]) problems.push(`${name}: depends on undeclared service ${target}`);
      else if (rule.condition === 'service_healthy' && !services[target].healthcheck) {
        problems.push(`${name}: waits for ${target} to be healthy, but ${target} has no healthcheck`);
      }
    }
    for (const mount of service.volumes ?? []) {
      const source =
        typeof mount === 'string' ? mount.split(':')[0] : mount.type === 'volume' ? mount.source : undefined;
      if (source && !/^[./~]/.test(source) && !(source in volumes))
        problems.push(`${name}: named volume ${source} is not declared`);
    }
  }
  return problems;
}

let failed = false;
for (const file of process.argv.slice(2)) {
  const project = yaml.load(fs.readFileSync(path.resolve(file), 'utf8'), schemaOption);
  const problems = validate(project) ? [] : validate.errors.map((e) => `${e.instancePath || '/'} ${e.message}`);
  problems.push(...crossReferences(project));
  if (problems.length === 0) {
    console.log(`ok: ${file} (compose-spec schema and cross-references)`);
  } else {
    failed = true;
    console.error(`invalid: ${file}\n  ${problems.join('\n  ')}`);
  }
}
process.exit(failed ? 1 : 0);
