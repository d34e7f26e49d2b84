import fc from 'fast-check';
import type * as z from 'zod';

/**
 * fast-check arbitraries derived from zod v4 schemas by walking their definitions (`_zod.def`):
 * `validShaped` produces values of the schema's shape (formats, patterns, lengths, bounds, enums,
 * literals, optional keys…); `mutated` breaks them the ways an attacker or a broken client would.
 * Refinements (`.refine`) cannot be inverted: values are valid-shaped, not always valid.
 */

interface Check {
  check: string;
  minimum?: number;
  maximum?: number;
  length?: number;
  value?: number;
  inclusive?: boolean;
  format?: string;
  pattern?: RegExp;
}

interface Def {
  type: string;
  checks?: { _zod: { def: Check } }[];
  format?: string;
  pattern?: RegExp;
  coerce?: boolean;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  in?: z.ZodType;
  out?: z.ZodType;
  items?: z.ZodType[];
  rest?: z.ZodType | null;
  left?: z.ZodType;
  right?: z.ZodType;
  getter?: () => z.ZodType;
}

export const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

const checksOf = (def: Def): Check[] => {
  const own = def.checks?.map((check) => check._zod.def) ?? [];
  // String formats (z.iso.date(), z.email()…) carry their own check in the schema's definition.
  return def.format ? [...own, { check: 'string_format', format: def.format, pattern: def.pattern }] : own;
};

/** Characters a Japanese caseworker types, and the ones that break naive code. */
const JAPANESE = [...'あいうえおかきくけこアイウエオカタナハマヤラワン山田花子太郎相談支援計画　ー・'];
export const UNICODE_EDGE_CASES = [
  '\u0000',
  '\ud800', // lone surrogate
  '\udfff',
  '\u200b', // zero-width space
  '\u202e', // right-to-left override
  '\ufeff', // byte order mark
  'e\u0301', // combining accent
  '👨‍👩‍👧‍👦', // emoji ZWJ sequence
  '𠮷', // outside the BMP
  '１２３４５６７８９０', // full-width digits
  'ｱｲｳｴｵ', // half-width katakana
  '\r\n\t',
  '%00',
  '../..',
  '#',
  "'; DROP TABLE x; --",
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '{{7*7}}',
];

const text = (minLength: number, maxLength: number) =>
  fc.oneof(
    fc.string({ minLength, maxLength }),
    fc.string({ unit: fc.constantFrom(...JAPANESE), minLength, maxLength }),
    fc.string({ unit: 'grapheme', minLength, maxLength }),
  );

const isoDate = fc
  .date({ min: new Date('1930-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));
const isoDateTime = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString());

const stringArbitrary = (def: Def): fc.Arbitrary<string> => {
  const checks = checksOf(def);
  let minLength = 0;
  let maxLength = 40;
  let exactLength: number | undefined;
  let formatted: fc.Arbitrary<string> | undefined;
  for (const check of checks) {
    if (check.check === 'min_length') minLength = Math.max(minLength, check.minimum ?? 0);
    if (check.check === 'max_length') maxLength = Math.min(maxLength, check.maximum ?? maxLength);
    if (check.check === 'length_equals') exactLength = check.length;
    if (check.check !== 'string_format') continue;
    if (check.format === 'date') formatted = isoDate;
    else if (check.format === 'datetime') formatted = isoDateTime;
    else if (check.format === 'email') formatted = fc.emailAddress();
    else if (check.format === 'url') formatted = fc.webUrl();
    else if (check.format === 'uuid' || check.format === 'guid') formatted = fc.uuid();
    else if (check.pattern) formatted = fc.stringMatching(check.pattern);
  }
  if (exactLength !== undefined) {
    minLength = exactLength;
    maxLength = exactLength;
  }
  if (maxLength < minLength) maxLength = minLength;
  if (formatted) {
    const [min, max] = [minLength, maxLength === 40 ? Infinity : maxLength];
    return formatted.filter((value) => value.length >= min && value.length <= max);
  }
  return text(minLength, maxLength);
};

const numberArbitrary = (def: Def): fc.Arbitrary<number> => {
  let min = -1e9;
  let max = 1e9;
  let integer = false;
  for (const check of checksOf(def)) {
    if (check.check === 'greater_than' && check.value !== undefined) {
      min = Math.max(min, check.inclusive ? check.value : check.value + (integer ? 1 : 1e-9));
    }
    if (check.check === 'less_than' && check.value !== undefined) {
      max = Math.min(max, check.inclusive ? check.value : check.value - (integer ? 1 : 1e-9));
    }
    if (check.check === 'number_format' && /int/.test(check.format ?? '')) integer = true;
  }
  if (integer) return fc.integer({ min: Math.ceil(min), max: Math.floor(Math.max(min, max)) });
  return fc.double({ min, max: Math.max(min, max), noNaN: true, noDefaultInfinity: true });
};

/** Keys whose absence the schema accepts. */
const isOmittable = (schema: z.ZodType): boolean => {
  const type = defOf(schema).type;
  return type === 'optional' || type === 'default' || type === 'prefault';
};

/**
 * A field read through a normaliser before its check (`z.string().transform(…).pipe(canonical)`:
 * 令和 dates, full-width digits, hiragana kana, ADR 0032): its stored form is also a valid input,
 * and more often valid than any string the input side alone describes.
 */
const isNormalisedInput = (def: Def): boolean => {
  if (!def.in || !def.out) return false;
  const inner = defOf(def.in);
  return inner.type === 'pipe' && inner.out !== undefined && defOf(inner.out).type === 'transform';
};

const MAX_DEPTH = 6;

/** Values of the schema's shape. */
export const validShaped = (schema: z.ZodType, depth = 0): fc.Arbitrary<unknown> => {
  const def = defOf(schema);
  const inner = (next: z.ZodType | undefined) =>
    next ? validShaped(next, depth + 1) : fc.constant<unknown>(undefined);
  switch (def.type) {
    case 'string':
      return stringArbitrary(def);
    case 'number':
    case 'int':
      return numberArbitrary(def);
    case 'bigint':
      return fc.bigInt();
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'undefined':
    case 'void':
    case 'never':
      return fc.constant(undefined);
    case 'date':
      return isoDateTime;
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries ?? {}));
    case 'literal':
      return fc.constantFrom(...(def.values ?? [undefined]));
    case 'nullable':
      return fc.oneof(inner(def.innerType), fc.constant(null));
    case 'optional':
    case 'default':
    case 'prefault':
      return fc.option(inner(def.innerType), { nil: undefined, freq: 4 });
    case 'catch':
    case 'readonly':
    case 'nonoptional':
    case 'success':
      return inner(def.innerType);
    case 'pipe':
      return isNormalisedInput(def)
        ? fc.oneof({ weight: 3, arbitrary: inner(def.out) }, { weight: 1, arbitrary: inner(def.in) })
        : inner(def.in);
    case 'lazy':
      return depth > MAX_DEPTH ? fc.constant(undefined) : inner(def.getter?.());
    case 'object': {
      const shape = def.shape ?? {};
      const model = Object.fromEntries(
        Object.entries(shape).map(([key, value]) => [key, validShaped(value, depth + 1)]),
      );
      const requiredKeys = Object.entries(shape)
        .filter(([, value]) => !isOmittable(value))
        .map(([key]) => key);
      return fc.record(model, { requiredKeys });
    }
    case 'array': {
      let minLength = 0;
      let maxLength = depth > 2 ? 2 : 4;
      for (const check of checksOf(def)) {
        if (check.check === 'min_length') minLength = check.minimum ?? 0;
        if (check.check === 'max_length') maxLength = Math.min(maxLength, check.maximum ?? maxLength);
        if (check.check === 'length_equals') minLength = maxLength = check.length ?? 0;
      }
      return fc.array(inner(def.element), { minLength, maxLength: Math.max(minLength, maxLength) });
    }
    case 'tuple':
      return fc.tuple(...(def.items ?? []).map((item) => validShaped(item, depth + 1)));
    case 'record': {
      const keyDef = def.keyType ? defOf(def.keyType) : undefined;
      const value = inner(def.valueType);
      // zod 4: a record keyed by an enum must hold every key.
      if (keyDef?.type === 'enum') {
        const keys = Object.values(keyDef.entries ?? {}).map(String);
        return fc.record(Object.fromEntries(keys.map((key) => [key, value])));
      }
      const key = def.keyType ? validShaped(def.keyType, depth + 1).map(String) : fc.string();
      return fc.dictionary(key, value, { maxKeys: 3 });
    }
    case 'union':
      return fc.oneof(...(def.options ?? []).map((option) => validShaped(option, depth + 1)));
    case 'intersection':
      return fc
        .tuple(inner(def.left), inner(def.right))
        .map(([left, right]) =>
          left && right && typeof left === 'object' && typeof right === 'object'
            ? { ...left, ...right }
            : left,
        );
    default:
      // unknown, any, custom, transform…: anything JSON.
      return fc.jsonValue({ maxDepth: 2 });
  }
};

/** A request part as the client sends it: objects of strings (path parameters, query strings). */
export const asStrings = (value: unknown): Record<string, string> =>
  Object.fromEntries(
    Object.entries(value && typeof value === 'object' ? value : {})
      .filter(([, item]) => item !== undefined)
      .map(([key, item]) => [key, typeof item === 'string' ? item : JSON.stringify(item)]),
  );

/** Keys only the server may set (SECURITY row 8): a client naming them must be refused. */
export const SERVER_OWNED_KEYS = [
  'tenantId',
  'version',
  'createdBy',
  'createdAt',
  'updatedAt',
  'updatedBy',
  'pk',
  'sk',
  'entity',
  'role',
] as const;

const withOwnKey = (target: Record<string, unknown>, key: string, value: unknown) => {
  // defineProperty: an own `__proto__` key, as JSON.parse makes it, not the prototype setter.
  const copy = { ...target };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
};

const wrongTypeValue = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 5 }),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2 }),
);

/** The leaves and objects of a JSON value, as paths from the root. */
const pathsOf = (value: unknown, prefix: (string | number)[] = []): (string | number)[][] => {
  if (Array.isArray(value)) {
    return [prefix, ...value.flatMap((item, index) => pathsOf(item, [...prefix, index]))];
  }
  if (value && typeof value === 'object') {
    return [prefix, ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...prefix, key]))];
  }
  return [prefix];
};

const replaceAt = (
  value: unknown,
  path: (string | number)[],
  replace: (old: unknown) => unknown,
): unknown => {
  if (!path.length) return replace(value);
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(value))
    return value.map((item, index) => (index === head ? replaceAt(item, rest, replace) : item));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, key === head ? replaceAt(item, rest, replace) : item]),
    );
  }
  return value;
};

const objectPaths = (value: unknown) =>
  pathsOf(value).filter((path) => {
    let node: unknown = value;
    for (const step of path) node = (node as Record<string | number, unknown>)[step];
    return node !== null && typeof node === 'object' && !Array.isArray(node);
  });

const deepNesting = (depth: number, kind: 'array' | 'object'): unknown => {
  let value: unknown = 'x';
  for (let level = 0; level < depth; level += 1) value = kind === 'array' ? [value] : { a: value };
  return value;
};

export type Mutation = { mutation: string; value: unknown };

/**
 * Breaks a valid-shaped value: extra, server-owned and prototype keys on some object of it, a
 * leaf of the wrong type, huge or hostile strings, deep nesting, or a whole value of another kind.
 */
export const mutated = (schema: z.ZodType): fc.Arbitrary<Mutation> =>
  validShaped(schema).chain((base) => {
    const objects = objectPaths(base);
    const leaves = pathsOf(base);
    const atObject = (mutation: string, key: fc.Arbitrary<string>, value: fc.Arbitrary<unknown>) =>
      objects.length
        ? fc
            .record({ path: fc.constantFrom(...objects), key, value })
            .map(({ path, key: name, value: item }) => ({
              mutation,
              value: replaceAt(base, path, (old) => withOwnKey(old as Record<string, unknown>, name, item)),
            }))
        : fc.constant({ mutation, value: base });
    const atLeaf = (mutation: string, value: fc.Arbitrary<unknown>) =>
      fc.record({ path: fc.constantFrom(...leaves), value }).map(({ path, value: item }) => ({
        mutation,
        value: replaceAt(base, path, () => item),
      }));
    return fc.oneof(
      atObject('extra key', fc.string({ minLength: 1, maxLength: 12 }), fc.jsonValue({ maxDepth: 1 })),
      atObject(
        'server-owned key',
        fc.constantFrom(...SERVER_OWNED_KEYS),
        fc.oneof(fc.string(), fc.integer()),
      ),
      atObject(
        'prototype key',
        fc.constantFrom('__proto__', 'constructor', 'prototype'),
        fc.constantFrom({ polluted: true }, { prototype: { polluted: true } }, 'x', null),
      ),
      atLeaf('wrong type', wrongTypeValue),
      atLeaf(
        'huge string',
        fc.constantFrom('あ'.repeat(20_000), 'a'.repeat(100_000), 'x'.repeat(300_000), '𠮷'.repeat(5_000)),
      ),
      atLeaf(
        'unicode edge case',
        fc
          .array(fc.constantFrom(...UNICODE_EDGE_CASES), { minLength: 1, maxLength: 3 })
          .map((parts) => parts.join('')),
      ),
      atLeaf(
        'deep nesting',
        fc.constantFrom(deepNesting(64, 'array'), deepNesting(64, 'object'), deepNesting(1_000, 'array')),
      ),
      wrongTypeValue.map((value) => ({ mutation: 'whole value of another kind', value })),
    );
  });
