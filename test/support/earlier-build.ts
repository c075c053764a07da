/**
 * A library as builds before the settings moved into the database left it: the history setting
 * and the sync switch were in storage.local, so the database has neither (a new library has both:
 * src/store/db.ts).
 */
import type { PaperDb } from '../../src/store/db';

export async function asAnEarlierBuildLeftIt(db: PaperDb): Promise<PaperDb> {
  await db.delete('settings', 'history');
  await db.delete('settings', 'sync');
  return db;
}
