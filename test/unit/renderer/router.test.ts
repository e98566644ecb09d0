import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash } from '../../../renderer/router.ts';
import { createPlanPage } from '../../../renderer/plans/plan-page.ts';

describe('地址：方案中的某处', () => {
  it('#/plans/{planId}/tracking/{measureId} 与 #/plans/{planId}/edit/{nodeId} 指向方案中的措施或节点；旧地址照常', () => {
    expect(parseRoute('#/plans/p%201/tracking/m1', 3)).toEqual({ name: 'plan', id: 'p 1', focus: { tab: 'tracking', nodeId: 'm1', visit: 3 } });
    expect(parseRoute('#/plans/p1/edit/header')).toEqual({ name: 'plan', id: 'p1', focus: { tab: 'edit', nodeId: 'header', visit: 0 } });
    expect(parseRoute('#/plan/p1')).toEqual({ name: 'plan', id: 'p1' });
    expect(parseRoute('#/plans/p1')).toEqual({ name: 'plan', id: 'p1' });
    expect(parseRoute('#/')).toEqual({ name: 'list' });
    expect(routeHash({ name: 'plan', id: 'p 1', focus: { tab: 'tracking', nodeId: 'm/1' } })).toBe('#/plans/p%201/tracking/m%2F1');
    expect(parseRoute(routeHash({ name: 'plan', id: 'p 1', focus: { tab: 'tracking', nodeId: 'm/1' } }))).toMatchObject({ id: 'p 1', focus: { nodeId: 'm/1' } });
    expect(routeHash({ name: 'plan', id: 'p1' })).toBe('#/plan/p1');
  });
});

describe('方案页：在编辑器中显示某个节点', () => {
  it('编辑器尚未出现时记下，出现时立即显示；之后直接交给编辑器', () => {
    const page = createPlanPage();
    const shown: string[] = [];
    page.showNode('n1');
    expect(shown).toEqual([]);
    const detach = page.attachEditor({ saveEdits: () => Promise.resolve(), showChecks: () => undefined, editHeader: () => undefined, showNode: (id) => shown.push(id) });
    expect(shown).toEqual(['n1']);
    page.showNode('n2');
    expect(shown).toEqual(['n1', 'n2']);
    detach();
    page.showNode('n3');
    expect(shown).toEqual(['n1', 'n2']);
  });
});
