#!/usr/bin/env node
// Lints Cypher with Neo4j's own parser and semantic analysis (@neo4j-cypher/language-support,
// lintCypherQuery), as Cypher 5, the language of Neo4j 5.
//
// stdin: {"schema": {"labels": [...], "relationshipTypes": [...], "propertyKeys": [...]},
//         "statements": [{"id": "...", "text": "...", "parameters": ["name", ...],
//                         "consoleCommands": false}, ...]}
// stdout: {"package": "...", "version": "...", "cypherVersion": "CYPHER 5",
//          "results": [{"id": "...", "diagnostics": [{"severity": "error" | "warning",
//                       "message": "...", "line": 1, "column": 1, "offset": 0}, ...]}, ...]}
//
// Lines and columns count from 1; offsets are characters of the statement's text. Each
// statement is linted with the parameters it is sent with (the analysis reports any other
// $name as undefined) and with Neo4j 5's built-in functions and procedures, so a misspelt or
// missing function or procedure is an error. Those come from the package's recorded Neo4j 5
// registry (testData.mockSchema), less the plug-ins kg does not use (APOC, GDS): kg's Cypher
// must run on a bare Neo4j 5.
//
// The semantic analysis takes 0.1 to 1 s a statement, so the statements are shared among up to
// WORKERS threads (the machine's cores, at most 2).
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { Worker, isMainThread, parentPort, workerData } = require('worker_threads');
const ls = require('@neo4j-cypher/language-support');

const PACKAGE = '@neo4j-cypher/language-support';
const CYPHER_VERSION = 'CYPHER 5';
const PLUGINS = /^(apoc|gds)\./;
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };
const WORKERS = Math.min(2, os.availableParallelism ? os.availableParallelism() : os.cpus().length);

function builtins(registry) {
  const out = {};
  for (const [version, entries] of Object.entries(registry)) {
    out[version] = Object.fromEntries(
      Object.entries(entries).filter(([name]) => !PLUGINS.test(name)));
  }
  return out;
}

function packageVersion() {
  const entry = require.resolve(PACKAGE);
  let dir = path.dirname(entry);
  while (!fs.existsSync(path.join(dir, 'package.json')) ||
         JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).name !== PACKAGE) {
    dir = path.dirname(dir);
  }
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
}

function lint(statements, schema) {
  const recorded = ls.testData.mockSchema;
  const functions = builtins(recorded.functions);
  const procedures = builtins(recorded.procedures);
  return statements.map((statement) => {
    const parameters = Object.fromEntries((statement.parameters || []).map((name) => [name, null]));
    const dbSchema = {
      labels: schema.labels || [],
      relationshipTypes: schema.relationshipTypes || [],
      propertyKeys: schema.propertyKeys || [],
      parameters,
      functions,
      procedures,
      defaultLanguage: CYPHER_VERSION,
    };
    const found = ls.lintCypherQuery(statement.text, dbSchema, Boolean(statement.consoleCommands));
    return {
      id: statement.id,
      diagnostics: found.map((d) => ({
        severity: SEVERITY[d.severity] || String(d.severity),
        message: d.message,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        offset: d.offsets ? d.offsets.start : null,
      })),
    };
  });
}

function inWorker(statements, schema) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: { statements, schema } });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`lint worker exited with ${code}`));
    });
  });
}

async function main() {
  const request = JSON.parse(fs.readFileSync(0, 'utf8'));
  const statements = request.statements || [];
  const schema = request.schema || {};
  const shares = Math.max(1, Math.min(WORKERS, statements.length));
  let results;
  if (shares === 1) {
    results = lint(statements, schema);
  } else {
    const chunks = Array.from({ length: shares }, () => []);
    statements.forEach((statement, i) => chunks[i % shares].push(statement));
    const answers = await Promise.all(chunks.map((chunk) => inWorker(chunk, schema)));
    results = statements.map((_, i) => answers[i % shares][Math.floor(i / shares)]);
  }
  process.stdout.write(JSON.stringify({
    package: PACKAGE,
    version: packageVersion(),
    cypherVersion: CYPHER_VERSION,
    results,
  }) + '\n');
}

if (isMainThread) {
  main().catch((error) => {
    process.stderr.write(`${error.stack || error}\n`);
    process.exit(1);
  });
} else {
  parentPort.postMessage(lint(workerData.statements, workerData.schema));
}
