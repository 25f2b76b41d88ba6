/**
 * The layer rule fires: each import the layers forbid, as a fixture linted with the layer
 * blocks of eslint.config.js, gives its message; the imports the layers allow give none; and
 * the real config applies the rule to every folder (so `npm run check` fails on such an import).
 * The fixtures are parsed without type information: the rule needs none, and it keeps this fast.
 */
import { ESLint } from 'eslint';
import svelte from 'eslint-plugin-svelte';
import ts from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { layerConfigs } from '../eslint.config.js';
import { layerOf, resolveImport } from './eslint-layers.js';

const cwd = process.cwd();
const eslint = new ESLint({
	cwd,
	overrideConfigFile: true,
	overrideConfig: [
		{ files: ['**/*.ts'], languageOptions: { parser: ts.parser } },
		...svelte.configs.base,
		{ files: ['**/*.svelte'], languageOptions: { parserOptions: { parser: ts.parser } } },
		...layerConfigs
	]
});

/** The layer rule's messages for a source at a path. */
async function messagesOf(filePath, code) {
	const [result] = await eslint.lintText(code, { filePath });
	const fatal = result.messages.find((message) => message.fatal);
	if (fatal) throw new Error(fatal.message);
	return result.messages.map((message) => message.message);
}

const PURE = 'the domain is pure TypeScript';

/** [importing file, code, the start of the message] for every forbidden edge. */
const forbidden = [
	[
		'src/lib/domain/gdap/role-groups.ts',
		"import { msg } from '$lib/i18n';",
		`domain may not import $lib/i18n (i18n): ${PURE}`
	],
	[
		'src/lib/domain/gdap/role-groups.ts',
		"import { t } from '../../i18n/i18n.svelte';",
		`domain may not import ../../i18n/i18n.svelte (i18n): ${PURE}`
	],
	[
		'src/lib/domain/conflict/losers.ts',
		"import { commonVersionOf } from '$lib/db/conflict-handler';",
		`domain may not import $lib/db/conflict-handler (db): ${PURE}`
	],
	[
		'src/lib/domain/shared/text.ts',
		"import i18next from 'i18next';",
		`domain may not import the package i18next: ${PURE}`
	],
	[
		'src/lib/domain/shared/text.ts',
		"import { untrack } from 'svelte';",
		`domain may not import the package svelte: ${PURE}`
	],
	[
		'src/lib/domain/shared/merge.ts',
		"import { deepEqual } from 'rxdb/plugins/utils';",
		`domain may not import the package rxdb/plugins/utils: ${PURE}`
	],
	[
		'src/lib/ui/chart/describe.ts',
		"import { formatNumber } from '$lib/app/format';",
		'ui may not import $lib/app/format (app): generic components'
	],
	[
		'src/lib/ui/chart/describe.ts',
		"export { formatNumber } from '$lib/app/format';",
		'ui may not import $lib/app/format (app)'
	],
	[
		'src/lib/ui/field/TextField.svelte',
		'<script lang="ts">\n\timport type { Customer } from \'$lib/services/customers\';\n</script>',
		'ui may not import $lib/services/customers (services)'
	],
	[
		'src/routes/+layout.ts',
		"import { storedUser } from '$lib/sync/session';",
		'routes may not import $lib/sync/session (sync): pages use the app (app/account.ts'
	],
	[
		'src/routes/+layout.svelte',
		'<script lang="ts">\n\timport { canSetUpOrganisation } from \'$lib/sync/session\';\n</script>',
		'routes may not import $lib/sync/session (sync)'
	],
	[
		'src/routes/customers/[id]/CustomerDetailsForm.svelte',
		'<script lang="ts">\n\timport { applyChanges } from \'$lib/services/changes\';\n</script>',
		"routes may not import $lib/services/changes: the services' write helpers"
	],
	[
		'src/routes/customers/request/+page.svelte',
		'<script lang="ts">\n\timport { nowIso } from \'$lib/services/changes\';\n</script>',
		"routes may not import $lib/services/changes: the services' write helpers"
	],
	[
		'src/routes/settings/+page.svelte',
		'<script lang="ts">\n\timport { getDatabase } from \'$lib/db/database\';\n</script>',
		'routes may not import $lib/db/database (db)'
	],
	[
		'src/lib/app/context.ts',
		"import { nowIso } from '$lib/services/changes';",
		"app may not import $lib/services/changes: the services' write helpers"
	],
	[
		'src/lib/sync/replication.ts',
		"import { currentActor, getDeviceId } from '$lib/app/device';",
		'sync may not import $lib/app/device (app): sync moves data and reports its state'
	],
	[
		'src/lib/sync/replication.ts',
		"import { createdMeta } from '$lib/services/changes';",
		'sync may not import $lib/services/changes (services)'
	],
	[
		'src/lib/sync/replication.ts',
		"import { loadDemoData } from '$lib/services/demo-data';",
		'sync may not import $lib/services/demo-data (services)'
	],
	[
		'src/lib/sync/replication.ts',
		"export const demo = () => import('$lib/services/demo-data-reseller');",
		'sync may not import $lib/services/demo-data-reseller (services)'
	],
	[
		'src/lib/sync/replication.ts',
		"import { saveLostValues } from '../services/conflicts';",
		'sync may not import ../services/conflicts (services)'
	],
	[
		'src/lib/sync/background-sync.ts',
		"import { saveLostValues } from '$lib/services/conflicts';",
		'sync may not import $lib/services/conflicts (services)'
	],
	[
		'src/lib/sync/session.ts',
		"import { t } from '$lib/i18n';",
		'sync may not import $lib/i18n (i18n)'
	],
	[
		'src/service-worker/index.ts',
		"import { saveLostValues } from '$lib/services/conflicts';",
		'service-worker may not import $lib/services/conflicts (services): the service worker bundles only'
	],
	[
		'src/service-worker/index.ts',
		"import { t } from '../lib/i18n';",
		'service-worker may not import ../lib/i18n (i18n)'
	],
	[
		'src/lib/db/collections.ts',
		"import { nowIso } from '$lib/services/changes';",
		'db may not import $lib/services/changes (services): the database knows the domain'
	],
	[
		'src/lib/db/database.ts',
		"import { syncStatus$ } from '$lib/sync/sync-status';",
		'db may not import $lib/sync/sync-status (sync)'
	],
	[
		'src/lib/services/customers.ts',
		"import { storedUser } from '$lib/sync/session';",
		'services may not import $lib/sync/session (sync): services validate and write'
	],
	[
		'src/lib/services/customers.ts',
		"import { currentActor } from '$lib/app/device';",
		'services may not import $lib/app/device (app)'
	],
	[
		'src/lib/services/customers.ts',
		"import { t } from '$lib/i18n';",
		'services may not import $lib/i18n (i18n)'
	],
	[
		'src/lib/services/customers.ts',
		"export type T = import('$lib/ui/field').FieldProps;",
		'services may not import $lib/ui/field (ui)'
	],
	[
		'src/lib/i18n/messages.ts',
		"import { describeWriteError } from '$lib/services/write-errors';",
		'i18n may not import $lib/services/write-errors (services)'
	],
	[
		'src/lib/pwa/register-service-worker.ts',
		"import { t } from '$lib/i18n';",
		'pwa may not import $lib/i18n (i18n)'
	]
];

/** Imports the layers allow. */
const allowed = [
	[
		'src/lib/domain/gdap/role-groups.ts',
		"import { msg } from '../shared/text';\nimport { z } from 'zod';"
	],
	[
		'src/lib/db/lost-values.ts',
		"import { nowIso } from '$lib/domain/shared/dates';\nimport type { LostValues } from './conflict-recording';"
	],
	[
		'src/lib/sync/replication.ts',
		"import { saveLostValues } from '$lib/db/lost-values';\nimport { Subscription } from 'rxjs';"
	],
	[
		'src/lib/services/conflicts.ts',
		"import { recordActivity } from './changes';\nimport type { FieldDatabase } from '$lib/db/collections';"
	],
	['src/lib/ui/chart/describe.ts', "import { currentLocale, t } from '$lib/i18n';"],
	[
		'src/lib/app/account.ts',
		"import { storedUser } from '$lib/sync/session';\nconst setUp = () => import('$lib/services/server-organisation');\nexport { setUp };"
	],
	[
		'src/routes/+layout.svelte',
		"<script lang=\"ts\">\n\timport { canSetUpOrganisation } from '$lib/app/account';\n\timport { applyChanges } from '$lib/domain/shared/merge';\n\timport { ensureOfferCatalog } from '$lib/services/setup';\n\timport '../app.css';\n</script>"
	],
	[
		'src/service-worker/index.ts',
		"import { backgroundSync } from '$lib/sync/background-sync';\nimport { escapeRegExp } from '../lib/domain/shared/text';"
	],
	// Tests may reach across the layers (a domain test of the database's conflict handler).
	[
		'src/lib/domain/conflict/losers.test.ts',
		"import { commonVersionOf } from '$lib/db/conflict-handler';"
	]
];

describe('the layers rule', () => {
	it.each(forbidden)('refuses in %s: %s', async (file, code, message) => {
		const messages = await messagesOf(file, code);
		expect(messages).toHaveLength(1);
		expect(messages[0].startsWith(message)).toBe(true);
	});

	it.each(allowed)('allows in %s: %s', async (file, code) => {
		expect(await messagesOf(file, code)).toEqual([]);
	});

	it('is on, at error, for every folder of src/lib, the routes and the service worker', async () => {
		const project = new ESLint({ cwd });
		const samples = {
			domain: 'src/lib/domain/gdap/role-groups.ts',
			db: 'src/lib/db/collections.ts',
			sync: 'src/lib/sync/replication.ts',
			services: 'src/lib/services/customers.ts',
			i18n: 'src/lib/i18n/messages.ts',
			ui: 'src/lib/ui/field/TextField.svelte',
			pwa: 'src/lib/pwa/register-service-worker.ts',
			app: 'src/lib/app/account.ts',
			bench: 'src/lib/bench/measure.ts',
			dev: 'src/lib/dev/sync-ops-api.ts',
			routes: 'src/routes/+layout.svelte',
			'service-worker': 'src/service-worker/index.ts'
		};
		const folders = new Set(
			(await import('node:fs'))
				.readdirSync('src/lib', { withFileTypes: true })
				.filter((entry) => entry.isDirectory())
				.map((entry) => entry.name)
		);
		expect([...folders].every((folder) => folder in samples)).toBe(true);
		for (const [layer, file] of Object.entries(samples)) {
			const config = await project.calculateConfigForFile(file);
			expect(config.rules['layers/imports']?.[0], file).toBe(2);
			expect(config.rules['layers/imports'][1].layer).toBe(layer);
		}
		const test = await project.calculateConfigForFile('src/lib/domain/gdap/role-groups.test.ts');
		expect(test.rules['layers/imports']).toBeUndefined();
	});
});

describe('resolveImport and layerOf', () => {
	it('resolve $lib and relative paths to the layer they name', () => {
		const layer = (source, importer) => {
			const resolved = resolveImport(source, importer);
			return 'file' in resolved ? layerOf(`${resolved.file}/`) : resolved.package;
		};
		expect(layer('$lib/i18n', 'src/lib/domain/gdap/role-groups.ts')).toBe('i18n');
		expect(layer('../../i18n/i18n.svelte', 'src/lib/domain/gdap/role-groups.ts')).toBe('i18n');
		expect(layer('../shared/text', 'src/lib/domain/gdap/role-groups.ts')).toBe('domain');
		expect(layer('../lib/sync/replicate', 'src/service-worker/index.ts')).toBe('sync');
		expect(layer('./Form.svelte', 'src/routes/customers/+page.svelte')).toBe('routes');
		expect(layer('../app.css', 'src/routes/+layout.svelte')).toBeNull();
		expect(layer('@tanstack/svelte-virtual/x', 'src/lib/ui/a.ts')).toBe('@tanstack/svelte-virtual');
		expect(layer('$app/environment', 'src/lib/db/database.ts')).toBe('$app');
	});
});
