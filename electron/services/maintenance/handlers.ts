import path from 'node:path';
import type { HandlerTable } from '../context.ts';
import type { maintenanceContract } from '../../../shared/api/maintenance.ts';
import { DB_FILE, schemaVersion } from '../store/database.ts';
import { driverInfo } from '../store/driver.ts';
import { runMaintenance } from './run.ts';
import { diagnose } from './doctor.ts';

export const maintenanceHandlers: HandlerTable<keyof typeof maintenanceContract> = {
  'maintenance.info': (_input, { db, dataDir }) => ({
    dataDir,
    databaseFile: path.join(dataDir, DB_FILE),
    schemaVersion: schemaVersion(db),
    driver: driverInfo(db),
  }),
  'maintenance.run': (_input, ctx) => runMaintenance(ctx),
  'maintenance.doctor': ({ clean }, ctx) => diagnose(ctx, { clean: clean ?? false }),
};
