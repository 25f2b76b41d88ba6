/**
 * The ESLint rule that keeps the layers of src/ apart: `layers/imports` with the layer of the
 * files it is configured for (eslint.config.js gives every folder its own block, with `files`
 * globs), the layers that layer may import, the packages it may not and the modules of other
 * layers that are private to them.
 *
 * Every import is resolved before it is checked: `$lib/…`, relative paths (`../../i18n`), static
 * imports, `export … from`, dynamic `import()` and `import('…').Type`, in .ts, .js and .svelte
 * files alike.
 */
import path from 'node:path';

/**
 * The layer of a path relative to the project root: the folder under src/lib, 'routes' or
 * 'service-worker'; null for anything else (src/app.css, server/).
 * @param {string} file
 * @returns {string | null}
 */
export function layerOf(file) {
	const lib = /^src\/lib\/([^/]+)\//.exec(file);
	if (lib) return lib[1];
	if (file.startsWith('src/routes/')) return 'routes';
	if (file.startsWith('src/service-worker/')) return 'service-worker';
	return null;
}

/**
 * What an import names: a project path (relative to the root, without extension) or a package.
 * @param {string} source the import's string
 * @param {string} importer the importing file, relative to the root
 * @returns {{ file: string } | { package: string }}
 */
export function resolveImport(source, importer) {
	if (source.startsWith('$lib/') || source === '$lib') {
		return { file: withoutExtension(path.posix.join('src/lib', source.slice(4))) };
	}
	if (source.startsWith('.')) {
		return { file: withoutExtension(path.posix.join(path.posix.dirname(importer), source)) };
	}
	const parts = source.split('/');
	return { package: source.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0] };
}

/** @param {string} file */
const withoutExtension = (file) => file.replace(/\.(svelte\.)?(ts|js)$/, '');

/**
 * @typedef {object} LayerOptions
 * @property {string} layer this layer's name
 * @property {string} why what the layer is, said in every message
 * @property {string[]} may the layers it may import (its own included)
 * @property {string[]} [packages] packages it may not import
 * @property {{ module: string, why: string }[]} [privateModules] modules it may not import
 *   though their layer is allowed (`services/changes`: a path under src/lib)
 */

/** @type {import('eslint').Rule.RuleModule} */
const importsRule = {
	meta: {
		type: 'problem',
		docs: { description: 'Imports go only from a layer to the layers below it' },
		schema: [
			{
				type: 'object',
				properties: {
					layer: { type: 'string' },
					why: { type: 'string' },
					may: { type: 'array', items: { type: 'string' } },
					packages: { type: 'array', items: { type: 'string' } },
					privateModules: {
						type: 'array',
						items: {
							type: 'object',
							properties: { module: { type: 'string' }, why: { type: 'string' } },
							required: ['module', 'why'],
							additionalProperties: false
						}
					}
				},
				required: ['layer', 'why', 'may'],
				additionalProperties: false
			}
		],
		messages: {
			layer: '{{layer}} may not import {{source}} ({{target}}): {{why}}',
			package: '{{layer}} may not import the package {{source}}: {{why}}',
			private: '{{layer}} may not import {{source}}: {{why}}'
		}
	},
	create(context) {
		const options = /** @type {LayerOptions} */ (context.options[0]);
		const importer = path.relative(context.cwd, context.filename).split(path.sep).join('/');

		/** @param {import('estree').Node} node @param {string} source */
		function check(node, source) {
			const resolved = resolveImport(source, importer);
			const data = { layer: options.layer, source, why: options.why };
			if ('package' in resolved) {
				if (options.packages?.includes(resolved.package)) {
					context.report({ node, messageId: 'package', data });
				}
				return;
			}
			const target = layerOf(`${resolved.file}/`);
			if (target === null) return;
			if (!options.may.includes(target)) {
				context.report({ node, messageId: 'layer', data: { ...data, target } });
				return;
			}
			const hidden = options.privateModules?.find(
				(entry) => resolved.file === `src/lib/${entry.module}`
			);
			if (hidden)
				context.report({ node, messageId: 'private', data: { ...data, why: hidden.why } });
		}

		/** @param {any} node */
		function checkSource(node) {
			const source = node.source;
			if (source?.type === 'Literal' && typeof source.value === 'string') {
				check(source, source.value);
			} else if (source?.type === 'TemplateLiteral' && source.expressions.length === 0) {
				check(source, source.quasis[0].value.cooked);
			}
		}

		return {
			ImportDeclaration: checkSource,
			ExportNamedDeclaration: checkSource,
			ExportAllDeclaration: checkSource,
			ImportExpression: checkSource,
			/** @param {any} node `import('…').Type` */
			TSImportType(node) {
				const literal = node.source ?? node.argument?.literal;
				if (literal?.type === 'Literal' && typeof literal.value === 'string') {
					check(node, literal.value);
				}
			}
		};
	}
};

export const layersPlugin = { rules: { imports: importsRule } };
