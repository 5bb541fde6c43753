// temporal-compose.yml can't be started here (no Docker engine), so this checks that it hangs
// together: the services wait for each other correctly, everyone finds the Temporal frontend, the
// images are pinned, and the namespace job registers exactly the search attributes the code uses.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { parse } from 'yaml';
import { loadConfig } from '../../infra/config';
import { fromRoot } from '../../infra/paths';
import { cliTypeName, complaintSearchAttributes } from '../../infra/search-attributes';
import { missingSecrets } from '../../infra/secrets';

// The service names temporal-compose.yml uses for each role: two workers and two APIs, as on
// several machines (docs/several-machines.md).
const DB = 'postgresql';
const SCHEMA_JOB = 'temporal-schema';
const SERVER = 'temporal';
const NAMESPACE_JOB = 'temporal-namespace';
const UI = 'temporal-ui';
const WORKERS = ['worker-1', 'worker-2'];
const APIS = ['api-1', 'api-2'];
const APP = [...WORKERS, ...APIS];
const PROXY = 'caddy';

const FRONTEND_PORT = 7233;
const UI_HOST_PORT = 8233;
const UI_CONTAINER_PORT = 8080;
const API_PORT = 3000;
const MIN_RETENTION_SECONDS = 30 * 86400;

type Scalar = string | number | boolean | null;

interface Service {
  image?: string;
  build?: unknown;
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: string[] | Record<string, Scalar>;
  depends_on?: string[] | Record<string, { condition?: string }>;
  ports?: (string | number | { target: number | string; published?: number | string; host_ip?: string })[];
  volumes?: (string | { type: string; source?: string; target: string })[];
  configs?: (string | { source: string; target?: string })[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
}

interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
  configs?: Record<string, { content?: string; file?: string }>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function loadCompose(): ComposeFile {
  // merge: the `<<: *worker` keys Compose resolves (YAML 1.1 merge keys).
  const doc: unknown = parse(fs.readFileSync(fromRoot('temporal-compose.yml'), 'utf8'), { merge: true });
  assert.ok(isRecord(doc), 'temporal-compose.yml is not a YAML mapping');
  assert.ok(isRecord(doc.services), 'temporal-compose.yml has no services');
  for (const [name, service] of Object.entries(doc.services)) {
    assert.ok(isRecord(service), `service ${name} is not a mapping`);
  }
  return doc as unknown as ComposeFile;
}

/**
 * What `docker compose config` would make of a value with no variables set: `${X:-default}` and
 * `${X-default}` become the default, `${X}` and `$X` become empty, `$$` becomes `$`.
 */
function interpolate(text: string): string {
  return text.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (whole, _name: string | undefined, op: string | undefined, arg: string | undefined) => {
      if (whole === '$$') return '$';
      if (op === ':-' || op === '-') return arg ?? '';
      // A required variable (the operator must set it) stands for a value here.
      if (op === ':?' || op === '?') return `<required ${_name}>`;
      return '';
    },
  );
}

function env(service: Service): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  const raw = service.environment ?? {};
  if (Array.isArray(raw)) {
    for (const entry of raw) {
      const eq = entry.indexOf('=');
      if (eq < 0) out[entry] = undefined;
      else out[entry.slice(0, eq)] = interpolate(entry.slice(eq + 1));
    }
  } else {
    for (const [key, value] of Object.entries(raw)) {
      out[key] = value === null ? undefined : interpolate(String(value));
    }
  }
  return out;
}

function dependsOn(service: Service): Record<string, string> {
  const raw = service.depends_on ?? {};
  if (Array.isArray(raw)) return Object.fromEntries(raw.map((name) => [name, 'service_started']));
  return Object.fromEntries(
    Object.entries(raw).map(([name, dep]) => [name, dep.condition ?? 'service_started']),
  );
}

interface PortMapping {
  hostIp?: string;
  published?: number;
  target: number;
}

function ports(service: Service): PortMapping[] {
  return (service.ports ?? []).map((entry) => {
    if (typeof entry === 'object') {
      return {
        hostIp: entry.host_ip,
        published: entry.published === undefined ? undefined : Number(interpolate(String(entry.published))),
        target: Number(entry.target),
      };
    }
    // Short syntax: [[HOST_IP:]PUBLISHED:]TARGET[/PROTOCOL]
    const parts = interpolate(String(entry))
      .replace(/\/\w+$/, '')
      .split(':');
    const target = Number(parts.pop());
    const published = parts.length > 0 ? Number(parts.pop()) : undefined;
    return { hostIp: parts.length > 0 ? parts.join(':') : undefined, published, target };
  });
}

/** The shell text a one-shot job runs (entrypoint and command), with compose's `$$` resolved and
 * backslash-newline continuations joined, so each shell command is on one line. */
function script(service: Service): string {
  const part = (value: string | string[] | undefined) =>
    value === undefined ? '' : Array.isArray(value) ? value.join('\n') : value;
  return interpolate(`${part(service.entrypoint)}\n${part(service.command)}`).replace(/\\\n\s*/g, ' ');
}

/** Parses a Temporal CLI duration such as `30d`, `720h` or `1d12h` into seconds. */
function durationSeconds(text: string): number {
  const unit: Record<string, number> = { d: 86400, h: 3600, m: 60, s: 1 };
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)([dhms])/g)];
  assert.ok(parts.length > 0 && parts.map((p) => p[0]).join('') === text, `not a duration: ${text}`);
  return parts.reduce((sum, p) => sum + Number(p[1]) * unit[p[2]], 0);
}

/** `host:port` split, or a failure naming the variable. */
function hostPort(address: string | undefined, what: string): { host: string; port: number } {
  const m = /^([^:]+):(\d+)$/.exec(address ?? '');
  assert.ok(m, `${what} is ${JSON.stringify(address)}, not host:port`);
  return { host: m[1], port: Number(m[2]) };
}

/** The value of `--flag value`, `--flag=value` or `-flag value` in one command line. */
function flagValue(line: string, flag: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)--?${flag}(?:=|\\s+)('[^']*'|"[^"]*"|\\S+)`).exec(line);
  return m?.[1].replace(/^['"]|['"]$/g, '');
}

function imageTag(image: string): string | undefined {
  const withoutDigest = image.split('@')[0];
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  return colon < 0 ? undefined : withoutDigest.slice(colon + 1);
}

/** The registered attributes as `Name=Type`, from every `search-attribute create` in the job. */
function registeredSearchAttributes(jobScript: string): { entries: string[]; namespaces: string[] } {
  const entries: string[] = [];
  const namespaces: string[] = [];
  for (const m of jobScript.matchAll(/temporal\s+operator\s+search-attribute\s+create\b([^\n;&|]*)/g)) {
    const args = m[1];
    const names = [...args.matchAll(/(?:^|\s)--name(?:=|\s+)(\S+)/g)].map((n) => n[1]);
    const type = flagValue(args, 'type');
    assert.ok(names.length > 0 && type, `search-attribute create without --name or --type: ${m[0]}`);
    for (const name of names) entries.push(`${name}=${type}`);
    namespaces.push(flagValue(args, 'namespace') ?? flagValue(args, 'n') ?? 'default');
  }
  return { entries, namespaces };
}

describe('temporal-compose.yml', () => {
  const compose = loadCompose();
  const services = compose.services;
  const svc = (name: string): Service => {
    const service = services[name];
    assert.ok(service, `service ${name} is missing`);
    return service;
  };

  it('has every service the stack needs', () => {
    for (const name of [DB, SCHEMA_JOB, SERVER, NAMESPACE_JOB, UI, ...APP]) {
      assert.ok(services[name], `service ${name} is missing`);
    }
    assert.match(svc(SERVER).image ?? '', /^temporalio\/server:/);
    assert.match(svc(SCHEMA_JOB).image ?? '', /^temporalio\/admin-tools:/);
    assert.match(svc(NAMESPACE_JOB).image ?? '', /^temporalio\/admin-tools:/);
    assert.match(svc(UI).image ?? '', /^temporalio\/ui:/);
    assert.match(svc(DB).image ?? '', /^postgres:/);
    for (const name of APP) {
      assert.ok(svc(name).build !== undefined || svc(name).image, `${name} has neither build nor image`);
    }
    for (const name of WORKERS) assert.deepEqual(svc(name).command, ['npm', 'run', 'worker'], name);
    for (const name of APIS) assert.deepEqual(svc(name).command, ['npm', 'run', 'api'], name);
  });

  it('does not use the deprecated temporalio/auto-setup image', () => {
    for (const [name, service] of Object.entries(services)) {
      assert.doesNotMatch(
        service.image ?? '',
        /temporalio\/auto-setup/,
        `${name} uses temporalio/auto-setup`,
      );
    }
  });

  it('pins every image to an explicit tag other than latest', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.image === undefined) continue;
      const tag = imageTag(interpolate(service.image));
      assert.ok(tag, `${name}: image ${service.image} has no tag`);
      assert.notEqual(tag, 'latest', `${name}: image ${service.image} is tagged latest`);
    }
  });

  it('runs the admin tools of the same Temporal version as the server', () => {
    const serverTag = imageTag(svc(SERVER).image ?? '');
    assert.equal(imageTag(svc(SCHEMA_JOB).image ?? ''), serverTag, 'schema job and server versions differ');
    assert.equal(
      imageTag(svc(NAMESPACE_JOB).image ?? ''),
      serverTag,
      'namespace job and server versions differ',
    );
  });

  it('only depends on services that exist, and waits only for health checks that exist', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [dep, condition] of Object.entries(dependsOn(service))) {
        assert.ok(services[dep], `${name} depends on ${dep}, which is not a service`);
        assert.ok(
          ['service_started', 'service_healthy', 'service_completed_successfully'].includes(condition),
          `${name} waits for ${dep} to be ${condition}`,
        );
        if (condition === 'service_healthy') {
          const check = services[dep].healthcheck;
          assert.ok(
            check?.test && !check.disable,
            `${name} waits for ${dep} to be healthy; it has no healthcheck`,
          );
        }
      }
    }
  });

  it('starts in order: database, schema, server, namespace, then the app', () => {
    assert.equal(dependsOn(svc(SCHEMA_JOB))[DB], 'service_healthy');
    assert.equal(dependsOn(svc(SERVER))[SCHEMA_JOB], 'service_completed_successfully');
    assert.equal(dependsOn(svc(NAMESPACE_JOB))[SERVER], 'service_healthy');
    for (const name of APP) {
      assert.equal(dependsOn(svc(name))[NAMESPACE_JOB], 'service_completed_successfully', name);
      // No process waits for another: each one starts and waits for PostgreSQL and Temporal itself.
      for (const other of APP) assert.ok(!(other in dependsOn(svc(name))), `${name} waits for ${other}`);
    }
  });

  it('keeps PostgreSQL data in a named volume and checks its health', () => {
    const db = svc(DB);
    assert.ok(db.healthcheck?.test, 'postgresql has no healthcheck');
    const major = Number(/^postgres:(\d+)/.exec(db.image ?? '')?.[1]);
    // From PostgreSQL 18 the official image keeps its data below /var/lib/postgresql/<major>/.
    const dataDir = major >= 18 ? '/var/lib/postgresql' : '/var/lib/postgresql/data';
    const mount = (db.volumes ?? [])
      .map((v) => (typeof v === 'string' ? { source: v.split(':')[0], target: v.split(':')[1] } : v))
      .find((v) => v.target === dataDir);
    assert.ok(mount?.source, `postgresql mounts no volume at ${dataDir}`);
    assert.ok(compose.volumes && mount.source in compose.volumes, `${mount.source} is not a named volume`);
  });

  it('sets up both databases with the PostgreSQL 12+ schemas', () => {
    const lines = script(svc(SCHEMA_JOB))
      .split('\n')
      .filter((line) => /temporal-sql-tool/.test(line));
    const pluginFromEnv = env(svc(SCHEMA_JOB)).SQL_PLUGIN;
    for (const [db, schemaDir] of [
      ['temporal', '/etc/temporal/schema/postgresql/v12/temporal/versioned'],
      ['temporal_visibility', '/etc/temporal/schema/postgresql/v12/visibility/versioned'],
    ]) {
      const forDb = lines.filter((line) => (flagValue(line, 'db') ?? flagValue(line, 'database')) === db);
      for (const step of ['create', 'setup-schema', 'update-schema']) {
        const line = forDb.find((l) => new RegExp(`\\s${step}(\\s|$)`).test(l));
        assert.ok(line, `no temporal-sql-tool ${step} for database ${db}`);
        assert.equal(flagValue(line, 'plugin') ?? flagValue(line, 'pl') ?? pluginFromEnv, 'postgres12', line);
        assert.equal(
          flagValue(line, 'ep') ?? flagValue(line, 'endpoint') ?? env(svc(SCHEMA_JOB)).SQL_HOST,
          DB,
          line,
        );
        if (step === 'update-schema')
          assert.equal(flagValue(line, 'd') ?? flagValue(line, 'schema-dir'), schemaDir);
      }
    }
  });

  it('points the server at the PostgreSQL service with the same credentials', () => {
    const serverEnv = env(svc(SERVER));
    const dbEnv = env(svc(DB));
    assert.match(serverEnv.DB ?? '', /^postgres12(_pgx)?$/);
    assert.equal(serverEnv.POSTGRES_SEEDS, DB);
    assert.equal(serverEnv.DB_PORT ?? '5432', '5432');
    assert.equal(serverEnv.POSTGRES_USER, dbEnv.POSTGRES_USER);
    assert.equal(serverEnv.POSTGRES_PWD, dbEnv.POSTGRES_PASSWORD);
    assert.equal(env(svc(SCHEMA_JOB)).SQL_PASSWORD, dbEnv.POSTGRES_PASSWORD, 'schema job password differs');
  });

  it('gives the server the dynamic config file it refuses to start without', () => {
    const path =
      env(svc(SERVER)).DYNAMIC_CONFIG_FILE_PATH ?? '/etc/temporal/config/dynamicconfig/docker.yaml';
    const config = (svc(SERVER).configs ?? [])
      .map((c) => (typeof c === 'string' ? { source: c, target: `/${c}` } : c))
      .find((c) => c.target === path);
    const mounted = (svc(SERVER).volumes ?? []).some((v) =>
      typeof v === 'string' ? v.split(':')[1] === path : v.target === path,
    );
    assert.ok(config || mounted, `nothing provides ${path} in the server container`);
    if (config) {
      const content = compose.configs?.[config.source]?.content;
      assert.ok(content !== undefined, `config ${config.source} has no inline content`);
      assert.ok(isRecord(parse(content)), `config ${config.source} is not a YAML mapping`);
    }
  });

  it('publishes the server frontend port and binds it on all container interfaces', () => {
    const mapping = ports(svc(SERVER)).find((p) => p.target === FRONTEND_PORT);
    assert.ok(mapping, `the server does not publish port ${FRONTEND_PORT}`);
    assert.equal(mapping.published, FRONTEND_PORT);
    assert.equal(env(svc(SERVER)).BIND_ON_IP, '0.0.0.0');
    assert.equal(Number(env(svc(SERVER)).FRONTEND_GRPC_PORT ?? FRONTEND_PORT), FRONTEND_PORT);
  });

  it('points the Web UI at the server frontend and serves it on loopback port 8233 through the proxy, to loopback host names only', () => {
    const { host, port } = hostPort(env(svc(UI)).TEMPORAL_ADDRESS, 'temporal-ui TEMPORAL_ADDRESS');
    assert.equal(host, SERVER);
    assert.equal(port, FRONTEND_PORT);
    // The UI answers any Host header: it is not published itself, only through the proxy's site
    // for loopback names (DNS rebinding: a rebound name gets 421, never the UI).
    assert.deepEqual(ports(svc(UI)), [], 'the UI is not published past the proxy');
    const proxy = svc(PROXY);
    assert.ok(UI in dependsOn(proxy), 'the proxy starts after the UI');
    const published = ports(proxy).find((p) => p.target === UI_HOST_PORT);
    assert.equal(published?.published, UI_HOST_PORT, `the proxy publishes ${UI_HOST_PORT}`);
    assert.equal(published?.hostIp, '127.0.0.1', 'the UI on loopback only: it has no login');
    const mount = (proxy.configs ?? []).map((c) => (typeof c === 'string' ? { source: c } : c))[0];
    const caddyfile = interpolate(compose.configs?.[mount.source]?.content ?? '');
    // The UI's site is the Caddyfile's last.
    const at = caddyfile.search(new RegExp(`^\\s*:${UI_HOST_PORT} \\{`, 'm'));
    const site = at >= 0 ? caddyfile.slice(at) : '';
    assert.ok(site, `a site on :${UI_HOST_PORT}`);
    const hosts = /@(\w+)\s+host\s+([^\n]+)/.exec(site);
    assert.deepEqual(hosts?.[2].trim().split(/\s+/), ['localhost', '127.0.0.1'], 'loopback names only');
    assert.match(
      site,
      new RegExp(`handle @${hosts?.[1]} \\{\\s*reverse_proxy ${UI}:${UI_CONTAINER_PORT}\\s*\\}`),
      'the allowed names reach the UI',
    );
    assert.match(site, /handle \{\s*respond "[^"]+" 421\s*\}/, 'any other name gets 421');
  });

  it('connects the worker and the API to the server frontend and the namespace the job creates', () => {
    const namespaceJob = script(svc(NAMESPACE_JOB));
    const created = /temporal\s+operator\s+namespace\s+create\b[^\n]*/.exec(namespaceJob)?.[0] ?? '';
    const namespace = flagValue(created, 'namespace') ?? flagValue(created, 'n');
    for (const name of [...APP, NAMESPACE_JOB]) {
      const { host, port } = hostPort(env(svc(name)).TEMPORAL_ADDRESS, `${name} TEMPORAL_ADDRESS`);
      assert.equal(host, SERVER, `${name} connects to ${host}, not the ${SERVER} service`);
      assert.equal(port, FRONTEND_PORT, `${name} connects to port ${port}`);
    }
    for (const name of APP) {
      const vars = env(svc(name));
      assert.equal(vars.TEMPORAL_NAMESPACE, namespace, `${name} uses another namespace than the job creates`);
      assert.ok('POSTMARK_SERVER_TOKEN' in vars, `${name} does not get POSTMARK_SERVER_TOKEN`);
    }
  });

  it('gives the worker and the API the case store: a database the schema job creates on the PostgreSQL', () => {
    const created = script(svc(SCHEMA_JOB))
      .split('\n')
      .filter((line) => /temporal-sql-tool/.test(line) && /\screate(\s|$)/.test(line))
      .map((line) => flagValue(line, 'db') ?? flagValue(line, 'database'));
    const dbEnv = env(svc(DB));
    for (const name of APP) {
      const raw = env(svc(name)).DATABASE_URL;
      assert.ok(raw, `${name} gets no DATABASE_URL`);
      const url = new URL(interpolate(raw));
      assert.equal(url.protocol, 'postgres:');
      assert.equal(url.hostname, DB, `${name}'s store is not on the ${DB} service`);
      assert.equal(url.port || '5432', '5432');
      assert.equal(url.username, dbEnv.POSTGRES_USER);
      assert.equal(decodeURIComponent(url.password), interpolate(dbEnv.POSTGRES_PASSWORD ?? ''));
      const database = url.pathname.slice(1);
      assert.ok(created.includes(database), `no job creates the database ${database}`);
      assert.ok(
        !['temporal', 'temporal_visibility'].includes(database),
        'the store shares a Temporal database',
      );
    }
  });

  it('publishes each API port on its own loopback port, and the APIs listen beyond loopback', () => {
    const published = new Set<number | undefined>();
    for (const name of APIS) {
      const vars = env(svc(name));
      assert.equal(Number(vars.API_PORT ?? API_PORT), API_PORT);
      assert.equal(vars.API_HOST, '0.0.0.0', `${name} must listen on 0.0.0.0 to be reachable`);
      const mapping = ports(svc(name)).find((p) => p.target === API_PORT);
      assert.ok(mapping?.published, `${name}'s port ${API_PORT} is not published`);
      published.add(mapping.published);
    }
    assert.equal(published.size, APIS.length, 'two APIs cannot publish the same host port');
    assert.equal(ports(svc(APIS[0])).find((p) => p.target === API_PORT)?.published, API_PORT);
  });

  it('creates the namespace with at least 30 days of retention', () => {
    const namespaceJob = script(svc(NAMESPACE_JOB));
    assert.match(namespaceJob, /temporal\s+operator\s+namespace\s+create\b/, 'the job creates no namespace');
    const retentions = [...namespaceJob.matchAll(/--retention(?:=|\s+)(\S+)/g)].map((m) => m[1]);
    assert.ok(retentions.length > 0, 'the namespace job sets no --retention');
    for (const retention of retentions) {
      assert.ok(
        durationSeconds(retention) >= MIN_RETENTION_SECONDS,
        `retention ${retention} is under 30 days`,
      );
    }
  });

  it('registers exactly the search attributes in infra/search-attributes.ts', () => {
    const { entries, namespaces } = registeredSearchAttributes(script(svc(NAMESPACE_JOB)));
    const expected = complaintSearchAttributes.map((k) => `${k.name}=${cliTypeName[k.type]}`);
    assert.equal(new Set(entries).size, entries.length, `registered twice: ${entries.join(', ')}`);
    assert.deepEqual([...entries].sort(), [...expected].sort());
    for (const namespace of namespaces) assert.equal(namespace, env(svc(WORKERS[0])).TEMPORAL_NAMESPACE);
  });

  it('stays within what SQL visibility can index per namespace', () => {
    // PostgreSQL visibility pre-allocates 10 Keyword columns and 3 of every other type.
    const counts = new Map<string, number>();
    for (const k of complaintSearchAttributes) {
      const type = cliTypeName[k.type];
      counts.set(type, (counts.get(type) ?? 0) + 1);
    }
    for (const [type, count] of counts) {
      assert.ok(count <= (type === 'Keyword' ? 10 : 3), `${count} ${type} search attributes are too many`);
    }
  });

  it('publishes nothing beyond loopback but the TLS proxy; PostgreSQL not at all', () => {
    assert.deepEqual(ports(svc(DB)), [], 'PostgreSQL is not published');
    for (const [name, service] of Object.entries(services)) {
      if (name === PROXY) continue;
      for (const mapping of ports(service)) {
        assert.equal(
          mapping.hostIp,
          '127.0.0.1',
          `${name} publishes port ${mapping.target} beyond loopback (only ${PROXY} may)`,
        );
      }
    }
  });

  it('puts both APIs behind a TLS reverse proxy that balances between them', () => {
    const proxy = svc(PROXY);
    assert.match(proxy.image ?? '', /^caddy:\d+\.\d+\.\d+$/, 'a pinned Caddy image');
    const published = ports(proxy);
    assert.ok(
      published.some((p) => p.target === 443 && p.published === 443 && p.hostIp === undefined),
      'HTTPS on 443',
    );
    assert.ok(!published.some((p) => p.target === API_PORT), 'the proxy does not publish the API port');
    for (const name of APIS) assert.ok(name in dependsOn(proxy), `the proxy starts after ${name}`);
    // Its Caddyfile: a site (automatic HTTPS) whose requests go to the API service.
    const mount = (proxy.configs ?? []).map((c) => (typeof c === 'string' ? { source: c } : c))[0];
    assert.ok(
      mount && 'target' in mount && mount.target === '/etc/caddy/Caddyfile',
      'the Caddyfile is mounted',
    );
    const caddyfile = interpolate(compose.configs?.[mount.source]?.content ?? '');
    const upstreams = /reverse_proxy\s+([^{\n]*)/.exec(caddyfile)?.[1].trim().split(/\s+/) ?? [];
    assert.deepEqual(
      upstreams,
      APIS.map((name) => `${name}:${API_PORT}`),
      'the proxy forwards to every API',
    );
    assert.match(caddyfile, /health_uri\s+\/healthz\b/, 'an API that cannot reach Temporal gets no requests');
    assert.doesNotMatch(caddyfile, /^\s*http:\/\//m, 'no plain-HTTP site');
    assert.doesNotMatch(caddyfile, /auto_https\s+off/, 'automatic HTTPS stays on');
    // Site address from the environment, localhost by default (Caddy's local CA).
    assert.match(caddyfile, /\{\$SITE_ADDRESS\}/);
    assert.equal(env(proxy).SITE_ADDRESS, 'localhost');
    // Certificates survive a re-create.
    assert.ok(
      (proxy.volumes ?? []).map(String).some((v) => v.endsWith(':/data')),
      'Caddy keeps /data',
    );
    // The API trusts exactly the one proxy in front (client addresses for rate limits) and its
    // customers' links point at HTTPS.
    for (const name of APIS) assert.equal(env(svc(name)).API_TRUST_PROXY, '1');
    for (const name of APP)
      assert.match(env(svc(name)).PUBLIC_BASE_URL ?? '', /^https:\/\//, `${name} links are https`);
  });

  it('scrapes the worker’s and the API’s metrics with a Prometheus that only loopback reaches', () => {
    const prometheus = svc('prometheus');
    assert.match(prometheus.image ?? '', /^prom\/prometheus:v\d+\.\d+\.\d+$/, 'a pinned Prometheus image');
    const mount = (prometheus.configs ?? []).map((c) => (typeof c === 'string' ? { source: c } : c))[0];
    assert.ok(mount && 'target' in mount && mount.target === '/etc/prometheus/prometheus.yml');
    const file = compose.configs?.[mount.source]?.file;
    assert.ok(file, 'the Prometheus config is a file in the repository');
    const config = parse(fs.readFileSync(fromRoot(file), 'utf8')) as {
      scrape_configs: { static_configs: { targets: string[] }[]; metrics_path?: string }[];
    };
    const targets = config.scrape_configs.flatMap((c) => c.static_configs.flatMap((s) => s.targets));
    for (const name of WORKERS) {
      const worker = env(svc(name));
      assert.equal(worker.METRICS_HOST, '0.0.0.0', `${name}’s endpoint is reachable on the compose network`);
      assert.ok(targets.includes(`${name}:${worker.METRICS_PORT}`), `scrapes ${name}: ${targets.join(', ')}`);
    }
    for (const name of APIS) {
      const api = env(svc(name));
      assert.equal(api.METRICS_HOST, '0.0.0.0', `${name}’s metrics are reachable on the compose network`);
      assert.ok(targets.includes(`${name}:${api.API_METRICS_PORT}`), `scrapes ${name}’s metrics port`);
      assert.ok(!targets.includes(`${name}:${API_PORT}`), 'never the API’s own port: it serves no metrics');
      assert.ok(
        !ports(svc(name)).some((p) => p.target === Number(api.API_METRICS_PORT)),
        `${name}’s metrics port is not published`,
      );
    }
  });

  it('runs every process in production with the secrets it needs, the same for all, and nothing on disk', () => {
    const secretOf = (name: string) => {
      const vars = env(svc(name));
      assert.equal(vars.COMPLAINT_DESK_ENV, 'production', `${name} is not in production`);
      // Exactly what infra/secrets.ts requires of the role: none missing, so the process starts.
      const missing = missingSecrets(WORKERS.includes(name) ? 'worker' : 'api', {
        ...vars,
        COMPLAINT_DESK_ENV: 'production',
      });
      assert.deepEqual(missing, [], `${name} lacks ${missing.join(', ')}`);
      return vars;
    };
    const raw = (name: string) => svc(name).environment as Record<string, Scalar>;
    for (const key of ['LINK_SECRET', 'COMPLAINT_KEKS', 'POSTMARK_SERVER_TOKEN', 'DATABASE_URL']) {
      for (const name of APP) {
        secretOf(name);
        // The same variable for every process: one value from the operator's secret manager.
        assert.equal(raw(name)[key], raw(APP[0])[key], `${name}'s ${key} differs from ${APP[0]}'s`);
      }
      if (key !== 'DATABASE_URL')
        assert.match(String(raw(APP[0])[key]), /:\?/, `${key} is required (\${${key}:?…}), not defaulted`);
    }
    for (const key of ['CODEC_TOKEN_SECRET', 'POSTMARK_WEBHOOK_PASSWORD'])
      for (const name of APIS) {
        assert.equal(raw(name)[key], raw(APIS[0])[key], `${name}'s ${key} differs`);
        assert.match(String(raw(name)[key]), /:\?/, `${key} is required`);
      }
    // Stateless: no process mounts a volume (a DATA_DIR on disk would be per machine).
    for (const name of APP) assert.deepEqual(svc(name).volumes ?? [], [], `${name} mounts a volume`);
  });

  it('divides the per-process limits of public requests among the APIs: a client gets one process’s rate in all', () => {
    // Customer pages, public form and webhooks are counted per process (docs/several-machines.md);
    // round robin or not, N APIs allow the sum of their limits.
    const single = loadConfig({});
    const sum = (key: 'CUSTOMER_RATE_LIMIT_PER_MINUTE' | 'WEBHOOK_RATE_LIMIT_PER_MINUTE') =>
      APIS.reduce((n, name) => n + loadConfig({ [key]: env(svc(name))[key] })[key], 0);
    assert.ok(
      sum('CUSTOMER_RATE_LIMIT_PER_MINUTE') <= single.CUSTOMER_RATE_LIMIT_PER_MINUTE,
      `customer pages: ${sum('CUSTOMER_RATE_LIMIT_PER_MINUTE')} a minute in all`,
    );
    assert.ok(
      sum('WEBHOOK_RATE_LIMIT_PER_MINUTE') <= single.WEBHOOK_RATE_LIMIT_PER_MINUTE,
      `webhooks: ${sum('WEBHOOK_RATE_LIMIT_PER_MINUTE')} a minute in all`,
    );
  });
});
