'use strict';
/*
 * Writes schema/litelint.schema.json, the JSON Schema of .litelint.yaml, from the definitions the
 * config loader validates with (src/config-schema.ts) and the shipped rules. Run after `tsc`
 * (`npm run schema`); test/integrations/config-schema.test.ts fails when the file is stale.
 */
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { configSchema, knownRulesOf } = require('../dist/src/config-schema');
const { registry } = require('../dist/rules');

const out = join(__dirname, '..', 'schema', 'litelint.schema.json');
writeFileSync(out, `${JSON.stringify(configSchema(knownRulesOf(registry)), null, 2)}\n`);
