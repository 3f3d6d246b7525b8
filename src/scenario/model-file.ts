/**
 * Model files (`*.model.yaml`): the `defineModel` definition written as YAML, read with errors
 * located in the file (line, column, field), like scenarios. Shapes are checked by the schema
 * (model-file-schema.ts), meaning by the model compiler, whose diagnostics name a path
 * (`reactions.decay.rate`) that is mapped back to the line. `modelToYaml` writes a definition in
 * this form (`ferrosim describe --yaml`), and reading that text gives the same definition back.
 */
import { LineCounter, parseDocument, stringify } from 'yaml';
import { ModelError } from '../model/errors.ts';
import { compileDefinition } from './registry.ts';
import type { CompiledModel, ModelDefinition } from '../model/types.ts';
import { locate, valueAt, type PathSegment } from './positions.ts';
import { ModelFileSchema } from './model-file-schema.ts';
import type { ScenarioError } from './types.ts';

export interface ModelFileResult {
  /** The compiled model (compiling is the meaning check), when there are no errors. */
  model?: CompiledModel;
  errors: ScenarioError[];
}

export const MODEL_SCHEMA_COMMENT = '# yaml-language-server: $schema=https://ferrosim.invalid/model.schema.json';

/** Parses and validates model-file text. `fileName` is used in messages only. */
export function parseModelFile(text: string, fileName: string): ModelFileResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (path: readonly PathSegment[], message: string, target: 'key' | 'value' = 'value'): ScenarioError => {
    const pos = locate(doc, lineCounter, path, target);
    return { file: fileName, line: pos.line, column: pos.column, path: path.map(String).join('.'), message };
  };
  if (doc.errors.length > 0) {
    return {
      errors: doc.errors.map((err) => {
        const pos = lineCounter.linePos(err.pos[0]);
        return { file: fileName, line: pos.line, column: pos.col, path: '', message: `malformed YAML: ${err.message.split('\n')[0].replace(/ at line \d+, column \d+.*$/, '')}` };
      }),
    };
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  if (data == null || typeof data !== 'object' || Array.isArray(data)) {
    return { errors: [{ file: fileName, line: 1, column: 1, path: '', message: 'a model file must be a mapping with name, species, parameters, inputs, reactions' }] };
  }
  const parsed = ModelFileSchema.safeParse(data);
  if (!parsed.success) {
    return {
      errors: parsed.error.issues.map((issue) => {
        const path = issue.path as PathSegment[];
        if (issue.code === 'unrecognized_keys') {
          return at([...path, issue.keys[0]], `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')} in ${path.length ? path.join('.') : 'the model'}`, 'key');
        }
        const field = path.length ? path.join('.') : 'the model';
        const missing = issue.code === 'invalid_type' && valueAt(data, path) === undefined;
        return missing ? at(path.slice(0, -1), `missing ${field}: ${issue.message}`) : at(path, `${field}: ${issue.message}`);
      }),
    };
  }
  try {
    return { model: compileDefinition(parsed.data as unknown as ModelDefinition), errors: [] };
  } catch (e) {
    if (!(e instanceof ModelError)) throw e;
    return {
      errors: e.diagnostics.filter((d) => d.severity === 'error').map((d) => at(d.path === '' ? [] : d.path.split('.'), d.message)),
    };
  }
}

/** The definition as model-file YAML; `parseModelFile` of the result gives an equal definition. */
export function modelToYaml(def: ModelDefinition): string {
  const plain = JSON.parse(JSON.stringify(def)) as Record<string, unknown>;
  const ordered: Record<string, unknown> = {};
  for (const key of ['name', 'description', 'timeUnit', 'species', 'parameters', 'inputs', 'rules', 'reactions', 'observables']) {
    if (plain[key] !== undefined) ordered[key] = plain[key];
  }
  return `${MODEL_SCHEMA_COMMENT}\n${stringify(ordered, { lineWidth: 0 })}`;
}
