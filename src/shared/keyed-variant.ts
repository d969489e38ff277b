import * as v from 'valibot';

/**
 * `v.variant(key, options)` for options whose `key` literals are distinct, parsed by going straight
 * to the option whose literal the input names (its output: that option's, typed as the union); an
 * input that names none (or is no object) is parsed by the whole `v.variant`, for its error. Same
 * outputs and issues as `v.variant`, without what it does for every option before the matching
 * one: it runs each option's literal, and a literal that does not match builds a whole issue
 * (message, expected and received texts). In a frame that just loaded the agent, every one of its
 * messages runs that code for the first time, cold (docs/architecture.md § Two stages). Throws
 * only what a getter of `key` on the input throws, as `v.variant` would (`parseMessage` catches
 * it). Pure, as the isolated world's scripts are tree-shaken (vite.config.ts
 * `ISOLATED_TREESHAKE`): building one has no effect but the schema it returns.
 */
export function keyedVariant<
  const K extends string,
  const O extends v.StrictObjectSchema<
    { [P in K]: v.LiteralSchema<string, undefined> } & v.ObjectEntries,
    undefined
  >[],
>(key: K, options: O): v.GenericSchema<unknown, v.InferOutput<v.VariantSchema<K, O, undefined>>> {
  const whole = v.variant(key, options);
  const byLiteral = new Map<unknown, v.GenericSchema>();
  for (const option of options) byLiteral.set(option.entries[key].literal, option);
  return v.lazy((input: unknown) => {
    if (typeof input !== 'object' || input === null || !Object.hasOwn(input, key)) return whole;
    return byLiteral.get((input as Record<string, unknown>)[key]) ?? whole;
  }) as unknown as v.GenericSchema<unknown, v.InferOutput<v.VariantSchema<K, O, undefined>>>;
}
