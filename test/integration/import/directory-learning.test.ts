// Issue 16 item 9: import.commit teaches the 人员与部门名录 the leaders, persons and departments of the
// imported plan, and the directory's names then make a sentence's owner credible in the next import.
import { afterEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../electron/services/index.ts';
import { tempDir } from '../../helpers/temp.ts';

let services: Services | undefined;
afterEach(() => {
  services?.close();
  services = undefined;
});

const PLAN = `XX局关于巡察反馈问题的整改方案
一、整改任务
1.健全议事规则。（责任领导：党组书记 王某某；责任部门：办公室；配合部门：机关党委；责任人：办公室主任 李某）
2.规范公务接待。牵头领导：副局长 赵某；牵头部门：财务科；完成时限：2026年3月底前。
`;

describe('the directory learns from imported plans', () => {
  it('adds every leader, person and department of the committed plan', async () => {
    services = await createServices({ dataDir: tempDir() });
    const preview = await services.call('import.parseText', { text: PLAN });
    expect(await services.call('directory.list', { type: 'person' })).toEqual([]);
    await services.call('import.commit', { document: preview.document });
    const people = (await services.call('directory.list', { type: 'person' })).map((e) => e.name);
    const departments = (await services.call('directory.list', { type: 'department' })).map((e) => e.name);
    expect(people.sort()).toEqual(['党组书记 王某某', '副局长 赵某', '办公室主任 李某'].sort());
    expect(departments.sort()).toEqual(['办公室', '机关党委', '财务科'].sort());
    // Offered by the editor's autocomplete.
    expect((await services.call('directory.search', { type: 'department', query: '财务' })).map((e) => e.name)).toEqual(['财务科']);
  });

  it('trusts a name the directory knows when a sentence names the owner', async () => {
    services = await createServices({ dataDir: tempDir() });
    const text = 'XX局整改方案\n一、整改任务\n1.完善制度。由督查专班负责，2026年3月底前完成。\n';
    const before = await services.call('import.parseText', { text });
    expect(before.document.sections[0]!.children[0]!.measure?.department ?? null).toBeNull();
    await services.call('directory.add', { type: 'department', name: '督查专班' });
    const after = await services.call('import.parseText', { text });
    expect(after.document.sections[0]!.children[0]!.measure).toMatchObject({ department: '督查专班', deadline: '2026年3月底前' });
  });
});
