// Issue 13 family 2 through the services: a plan imported from behind its 印发通知 is stored as the
// plan, with the notice kept as its 印发通知 (PlanDocument.notice), ready for issuing.
import { afterEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../electron/services/index.ts';
import { COVER_NOTICES } from '../../unit/import/family-texts.ts';
import { tempDir } from '../../helpers/temp.ts';

let services: Services | undefined;
afterEach(() => {
  services?.close();
  services = undefined;
});

describe('import of a plan behind its cover notice', () => {
  it('stores the plan with its notice, and the preview says why', async () => {
    services = await createServices({ dataDir: tempDir() });
    const preview = await services.call('import.parseText', { text: COVER_NOTICES[0]!.text });
    expect(preview.notes.find((n) => n.kind === 'notice')!.reason).toContain('印发通知');
    const { planId } = await services.call('import.commit', { document: preview.document });
    const stored = await services.call('plans.document', { id: planId });
    expect(stored.title).toBe('XX县落实巡视反馈意见整改工作方案');
    // Stored exactly as recognised (the recognition itself is specified in families/cover-notice.test.ts).
    expect(stored.notice).toEqual(preview.document.notice);
    expect(stored.notice).toMatchObject({ issuer: '中共XX县委办公室', date: '2025年9月2日' });
    expect(stored.sections.map((s) => s.heading)).toEqual(['整改目标', '整改任务', '工作要求']);
  });
});
