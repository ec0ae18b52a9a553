import { AppError } from '../config/errors';

/** One step of a state database's schema; versions start at 1 and have no gaps. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The migrations still to apply to a database at `current` (0: empty). A database whose schema is
 * newer than this code knows is refused: a newer release wrote it, and running the older code on it
 * could lose what the newer schema holds.
 */
export function pendingMigrations({ current, migrations, where }: { current: number; migrations: readonly Migration[]; where: string }): Migration[] {
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new AppError(
      'SCHEMA_NEWER',
      `The state database at ${where} has schema version ${current}, newer than the ${latest} this release knows. A newer release migrated it: run that release, or restore the database from a backup taken before the upgrade.`,
    );
  }
  return migrations.filter((m) => m.version > current);
}
