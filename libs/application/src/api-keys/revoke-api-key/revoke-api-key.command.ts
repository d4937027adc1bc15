/** Stops a key from working (API servers may accept it for up to their key-cache time). */
export class RevokeApiKey {
  constructor(readonly id: string) {}
}
