#!/usr/bin/env node
/**
 * Lints an OpenAPI document with Redocly's recommended rules (an ES module: run by node itself, not by jest).
 * Usage: node scripts/lint-openapi.mjs <document.json>. Prints one line per problem; exits 1 on any error.
 */
import { readFileSync } from 'node:fs';
import { createConfig, lintFromString } from '@redocly/openapi-core';

const file = process.argv[2];
const config = await createConfig({ extends: ['recommended'] });
const problems = await lintFromString({ source: readFileSync(file, 'utf8'), absoluteRef: file, config });
for (const p of problems)
  process.stdout.write(`${p.severity} ${p.ruleId} ${p.location[0]?.pointer ?? ''}: ${p.message}\n`);
process.exit(problems.some((p) => p.severity === 'error') ? 1 : 0);
