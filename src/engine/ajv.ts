/**
 * One Ajv instance, created on first use (it is the heaviest module we load), with formats
 * and the `x-message` annotation that schemas use to give writer-facing messages.
 */
import AjvModule, { type ValidateFunction, type Options } from 'ajv';
import formatsModule from 'ajv-formats';

type AjvClass = typeof AjvModule.default;
const Ajv = ((AjvModule as unknown as { default?: AjvClass }).default ?? AjvModule) as AjvClass;
const addFormats = ((formatsModule as unknown as { default?: typeof formatsModule }).default ??
  formatsModule) as unknown as (ajv: InstanceType<AjvClass>) => void;

let instance: InstanceType<AjvClass> | undefined;
const cache = new WeakMap<object, ValidateFunction>();

export function getAjv(options: Options = {}): InstanceType<AjvClass> {
  if (!instance) {
    instance = new Ajv({ allErrors: true, verbose: true, strict: false, ...options });
    addFormats(instance);
    instance.addKeyword({ keyword: 'x-message', schemaType: 'object' });
  }
  return instance;
}

/** Compile a schema once per schema object. */
export function compile(schema: object): ValidateFunction {
  let fn = cache.get(schema);
  if (!fn) {
    const ajv = getAjv();
    const id = (schema as { $id?: string }).$id;
    const existing = id ? ajv.getSchema(id) : undefined;
    fn = existing ?? ajv.compile(schema);
    cache.set(schema, fn);
  }
  return fn;
}
