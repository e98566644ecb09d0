import { describe, expect, it } from 'vitest';
import { contract } from '../../shared/api/contract.ts';
import { plansContract } from '../../shared/api/plans.ts';
import { editorContract } from '../../shared/api/editor.ts';
import { templateEditContract } from '../../shared/api/template-edit.ts';
import { evidenceContract } from '../../shared/api/evidence.ts';
import { progressContract } from '../../shared/api/progress.ts';
import { importContract } from '../../shared/api/import.ts';
import { exportContract } from '../../shared/api/export.ts';
import { maintenanceContract } from '../../shared/api/maintenance.ts';
import { workbenchContract } from '../../shared/api/workbench.ts';
import { searchContract } from '../../shared/api/search.ts';
import { formsContract } from '../../shared/api/forms.ts';
import { exchangeContract } from '../../shared/api/exchange.ts';
import { backupContract } from '../../shared/api/backup.ts';
import { createServices } from '../../electron/services/index.ts';
import { tempDir } from '../helpers/temp.ts';

const domains = {
  plansContract,
  editorContract,
  templateEditContract,
  evidenceContract,
  progressContract,
  importContract,
  exportContract,
  maintenanceContract,
  workbenchContract,
  searchContract,
  formsContract,
  exchangeContract,
  backupContract,
};

describe('类型化契约（shared/api）', () => {
  it('各领域的方法名互不重复：合并时没有一个方法被另一个悄悄覆盖', () => {
    const names = Object.values(domains).flatMap((table) => Object.keys(table));
    expect(names.length).toBe(new Set(names).size);
    expect(Object.keys(contract).sort()).toEqual([...names].sort());
  });

  it('每个方法名为“领域.动作”，并有中文说明', () => {
    for (const [name, spec] of Object.entries(contract)) {
      expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
      expect(spec.summary, name).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('服务层对每个方法都先按契约校验输入（处理函数齐全由类型检查保证）', async () => {
    const services = await createServices({ dataDir: tempDir() });
    try {
      for (const name of Object.keys(contract)) {
        // A payload of the wrong type must be refused by validation, never reach a handler as is.
        await expect(services.callByName(name, 42), name).rejects.toMatchObject({ code: 'bad_input' });
      }
    } finally {
      services.close();
    }
  });
});
