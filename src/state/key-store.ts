/**
 * Named secrets the replicas must share and keep across restarts (the Direct Line token signing
 * key when TROLY_DIRECTLINE_SECRET is not set). The first replica to ask creates the value; every
 * later call, on any replica, gets the same one.
 */
export interface KeyStore {
  getOrCreate(name: string, create: () => string): Promise<string>;
}
