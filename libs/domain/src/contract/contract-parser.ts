import { IDENTIFIER_PATTERN } from '../transforms/snake-case.js';
import { LINEAGE_NAMES } from '../transforms/lineage.js';
import {
  at,
  type InputObject,
  type InputPlace,
  invalid,
  optional,
  readArray,
  readBoolean,
  readNumber,
  readObject,
  readFieldType,
  readString,
  required,
  show,
} from './contract-input.js';
import { parseRules } from './contract-rule-parser.js';
import { type DataContract, DATASET_NAME_PATTERN, DEFAULT_TRANSFORMS, type FieldSpec, type TransformSpec } from './data-contract.js';

const CONTRACT_KEYS = [
  'dataset',
  'version',
  'description',
  'fields',
  'primaryKey',
  'rules',
  'transforms',
  'allowUnknownFields',
  'inferred',
];
const FIELD_KEYS = ['name', 'type', 'required', 'precision', 'scale', 'description'];
const TRANSFORM_KEYS = ['snakeCaseFields', 'trim', 'nullTokens', 'coerceTypes', 'dedupeByPrimaryKey'];
/** Postgres truncates identifiers beyond 63 bytes; names are ASCII, so characters. */
const MAX_FIELD_NAME = 63;
/** Parquet and Postgres both stop at 38 decimal digits. */
const MAX_PRECISION = 38;

/**
 * Validates a contract given as parsed JSON/YAML (a `datasets/<name>.yaml` file, the CLI,
 * the API) and fills in the defaults. Throws InvalidContractError naming the origin, the
 * JSON path and the problem, e.g. `datasets/orders.yaml: rules[2].column "amout" is not a field`.
 * @example parseContract(YAML.parse(text), 'datasets/orders.yaml')
 */
export function parseContract(input: unknown, origin: string): DataContract {
  const root: InputPlace = { origin, path: '' };
  const obj = readObject(input, root, CONTRACT_KEYS);
  const dataset = required(obj, 'dataset', root, readString);
  if (!DATASET_NAME_PATTERN.test(dataset)) invalid(at(root, 'dataset'), `${show(dataset)} must match ${DATASET_NAME_PATTERN}`);
  const fields = parseFields(obj, root);
  const fieldNames = new Set(fields.map((f) => f.name));
  const description = optional(obj, 'description', root, readString);
  return {
    dataset,
    version: optional(obj, 'version', root, (v, p) => readNumber(v, p, { integer: true, min: 1 })) ?? 1,
    ...(description === undefined ? {} : { description }),
    fields,
    primaryKey: parsePrimaryKey(obj, root, fieldNames),
    rules: parseRules(obj.rules, at(root, 'rules'), fieldNames),
    transforms: parseTransforms(obj.transforms, at(root, 'transforms')),
    allowUnknownFields: optional(obj, 'allowUnknownFields', root, readBoolean) ?? true,
    inferred: optional(obj, 'inferred', root, readBoolean) ?? false,
  };
}

function parseFields(obj: InputObject, root: InputPlace): FieldSpec[] {
  const list = required(obj, 'fields', root, readArray);
  if (list.length === 0) invalid(at(root, 'fields'), 'must list at least one field');
  const seen = new Map<string, number>();
  return list.map((item, i) => {
    const place = at(at(root, 'fields'), i);
    const field = parseField(item, place);
    const earlier = seen.get(field.name);
    if (earlier !== undefined) invalid(at(place, 'name'), `${show(field.name)} is already fields[${earlier}]`);
    seen.set(field.name, i);
    return field;
  });
}

function parseField(item: unknown, place: InputPlace): FieldSpec {
  const obj = readObject(item, place, FIELD_KEYS);
  const name = required(obj, 'name', place, readString);
  if (!IDENTIFIER_PATTERN.test(name) || name.length > MAX_FIELD_NAME) {
    invalid(at(place, 'name'), `${show(name)} must be snake_case: ${IDENTIFIER_PATTERN}, at most ${MAX_FIELD_NAME} characters`);
  }
  if (LINEAGE_NAMES.has(name)) invalid(at(place, 'name'), `${show(name)} is reserved for lineage`);
  const type = required(obj, 'type', place, readFieldType);
  const requiredFlag = optional(obj, 'required', place, readBoolean);
  const description = optional(obj, 'description', place, readString);
  const precision = optional(obj, 'precision', place, (v, p) => readNumber(v, p, { integer: true, min: 1, max: MAX_PRECISION }));
  const scale = optional(obj, 'scale', place, (v, p) => readNumber(v, p, { integer: true, min: 0, max: precision ?? MAX_PRECISION }));
  if (type !== 'decimal' && (precision !== undefined || scale !== undefined)) {
    invalid(at(place, precision !== undefined ? 'precision' : 'scale'), `only applies to decimal fields, not ${type}`);
  }
  return {
    name,
    type,
    ...(requiredFlag === undefined ? {} : { required: requiredFlag }),
    ...(precision === undefined ? {} : { precision }),
    ...(scale === undefined ? {} : { scale }),
    ...(description === undefined ? {} : { description }),
  };
}

function parsePrimaryKey(obj: InputObject, root: InputPlace, fieldNames: ReadonlySet<string>): string[] {
  const list = optional(obj, 'primaryKey', root, readArray) ?? [];
  const seen = new Set<string>();
  return list.map((item, i) => {
    const place = at(at(root, 'primaryKey'), i);
    const name = readString(item, place);
    if (!fieldNames.has(name)) invalid(place, `${show(name)} is not a field`);
    if (seen.has(name)) invalid(place, `${show(name)} is listed twice`);
    seen.add(name);
    return name;
  });
}

function parseTransforms(value: unknown, place: InputPlace): TransformSpec {
  if (value === undefined || value === null) return DEFAULT_TRANSFORMS;
  const obj = readObject(value, place, TRANSFORM_KEYS);
  const nullTokens = optional(obj, 'nullTokens', place, (v, p) => readArray(v, p).map((token, i) => readString(token, at(p, i))));
  return {
    snakeCaseFields: optional(obj, 'snakeCaseFields', place, readBoolean) ?? DEFAULT_TRANSFORMS.snakeCaseFields,
    trim: optional(obj, 'trim', place, readBoolean) ?? DEFAULT_TRANSFORMS.trim,
    nullTokens: nullTokens ?? DEFAULT_TRANSFORMS.nullTokens,
    coerceTypes: optional(obj, 'coerceTypes', place, readBoolean) ?? DEFAULT_TRANSFORMS.coerceTypes,
    dedupeByPrimaryKey: optional(obj, 'dedupeByPrimaryKey', place, readBoolean) ?? DEFAULT_TRANSFORMS.dedupeByPrimaryKey,
  };
}
