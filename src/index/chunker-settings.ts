import { CHUNKER_VERSION } from '../chunk/index';
import type { Tunables } from '../config/tunables';
import type { ChunkerSettings } from './manifest';

/** The chunker version and settings of the running code and configuration, as a manifest records them. */
export function chunkerSettings(tunables: Readonly<Tunables>): ChunkerSettings {
  return {
    version: CHUNKER_VERSION,
    targetChars: tunables.chunkTargetChars,
    overlapChars: tunables.chunkOverlapChars,
    articleMaxChars: tunables.articleMaxChars,
  };
}
