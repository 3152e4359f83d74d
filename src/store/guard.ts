import { classifyStoreError } from './unavailable.js';

/** Wraps each async method of a repository so that outages reject as StoreUnavailable. */
export function guarded<T extends object>(repository: T, area: string): T {
  const view: Record<string, unknown> = {};
  for (const name of methodNames(repository)) {
    const method = (repository as Record<string, unknown>)[name];
    if (typeof method !== 'function') continue;
    view[name] = async (...args: unknown[]): Promise<unknown> => {
      try {
        return await method.apply(repository, args);
      } catch (error) {
        throw classifyStoreError(error, `${area}.${name}`) ?? error;
      }
    };
  }
  return view as T;
}

/** The methods of a class instance, its own class's and its ancestors'. */
export function methodNames(instance: object): string[] {
  const names = new Set<string>();
  for (let proto = Object.getPrototypeOf(instance) as object | null; proto !== null && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    for (const name of Object.getOwnPropertyNames(proto)) if (name !== 'constructor') names.add(name);
  }
  return [...names];
}
