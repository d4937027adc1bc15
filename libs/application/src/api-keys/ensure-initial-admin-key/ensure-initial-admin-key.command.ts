/** On a first local start: makes one admin key when no key exists at all. */
export class EnsureInitialAdminKey {
  constructor(readonly name = 'initial admin') {}
}

/** `key` is present only when this call created it: print it then, it is never shown again. */
export type EnsureInitialAdminKeyResult =
  { readonly created: true; readonly id: string; readonly key: string } | { readonly created: false };
