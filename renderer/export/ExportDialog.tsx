import { useEffect, useRef, useState } from 'react';
import { Alert, App as AntApp, Button, Checkbox, Col, Collapse, Divider, Flex, Form, Input, Modal, Radio, Row, Select, Spin, Typography } from 'antd';
import { FileWordOutlined } from '@ant-design/icons';
import type { Preview } from '../../shared/api/export.ts';
import type { CheckReport } from '../../shared/api/editor.ts';
import { FONT_PROFILES, FONT_PROFILE_LABELS, type ExportSettings } from '../../shared/domain/export-settings.ts';
import { LEDGER_COLUMNS, LEDGER_COLUMN_IDS, type LedgerColumnId } from '../../shared/ledger/columns.ts';
import { api, errorMessage } from '../api/client.ts';
import { saveFile } from '../api/platform.ts';
import { usePlanPage } from '../plans/plan-page.ts';
import { PagedPreview } from './PagedPreview.tsx';
import { ChecksWarning } from './ChecksWarning.tsx';
import { Toggle } from './Toggle.tsx';
import { IssuanceSettings, issuanceSummary, type DocInfo } from './IssuanceSettings.tsx';
import type { CoverNotice } from '../../shared/domain/document.ts';
import type { SettingsTarget } from '../../shared/api/export.ts';
import './export.css';

const WORD_FILTER = [{ name: 'Word 文档', extensions: ['docx'] }];

/** The last export's notice stays until read; opening the dialog again clears it (it would cover the dialog). */
const EXPORT_NOTICE = 'export-notice';

/** 导出 Word: the button for the plan toolbar. */
export function ExportDocxButton({ planId }: { planId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<FileWordOutlined aria-hidden />} onClick={() => setOpen(true)}>
        导出 Word
      </Button>
      {open && <ExportDialog planId={planId} onClose={() => setOpen(false)} />}
    </>
  );
}

/** 整改落实情况报告 → 发文设置…: the same dialog for the report made from the plan's tracking data. */
export function ReportExportDialog({ planId, onClose }: { planId: string; onClose: () => void }) {
  return <ExportDialog planId={planId} onClose={onClose} target="report" />;
}

/** How long the 印发通知 being typed waits before it is stored when no editor is attached. */
const NOTICE_SAVE_MS = 600;

/**
 * The export dialog: the settings the standard leaves to practice (remembered per plan), the 发文设置
 * (版头, 印发通知, 版记; collapsed, so the common case stays one click), a notice when the chosen
 * fonts are not installed, the paged preview at the document's metrics, and the export itself through
 * the platform's save dialog (Electron) or a download (browser host). With target "report" it exports
 * the 整改落实情况报告 generated from the plan's tracking data, with the report's own settings.
 */
export function ExportDialog({ planId, onClose, target = 'plan' }: { planId: string; onClose: () => void; target?: SettingsTarget }) {
  const { message, notification } = AntApp.useApp();
  const [settings, setSettings] = useState<ExportSettings | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [loadingPreview, setLoadingPreview] = useState(false);
  const [fontNotice, setFontNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState<'docx' | 'ledger' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const request = useRef(0);
  const page = usePlanPage();
  // Preview and export read the stored plan: first the editor stores every edit it still holds.
  const [stored, setStored] = useState<'saving' | 'stored' | { error: string }>('saving');
  const [checks, setChecks] = useState<CheckReport | null>(null);
  const checksDone = useRef<Promise<unknown>>(Promise.resolve());
  const report = target === 'report';
  // The document's 主送, 落款, 成文日期 and stored 印发通知: the defaults the 发文设置 show.
  const [doc, setDoc] = useState<DocInfo | null>(null);
  const [notice, setNotice] = useState<CoverNotice | null>(null);
  const noticeTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => notification.destroy(EXPORT_NOTICE), [notification]);

  useEffect(() => {
    let live = true;
    const read = report ? api.send('progress.reportDocument', { planId }) : api.send('plans.document', { id: planId });
    read.then(
      (d) => {
        if (!live) return;
        setDoc(d);
        setNotice(d.notice ?? null);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [planId, report]);

  /** The 印发通知 is the plan's text: stored through the editor's queue (or directly without an editor). */
  const editNotice = (next: CoverNotice) => {
    setNotice(next);
    if (page.editHeader({ notice: next })) return;
    if (noticeTimer.current) clearTimeout(noticeTimer.current);
    noticeTimer.current = setTimeout(() => {
      void api
        .send('plans.get', { id: planId })
        .then((p) => api.send('plans.updateHeader', { planId, expectedVersion: p.version, patch: { notice: next } }))
        .catch((err: unknown) => setError(errorMessage(err)));
    }, NOTICE_SAVE_MS);
  };

  useEffect(() => {
    let live = true;
    page.saveEdits().then(
      () => {
        if (!live) return;
        setStored('stored');
        // 公文检查 on what is exported (the plan; the report is made afresh): the findings warn, they never block the export.
        if (target === 'report') return;
        checksDone.current = api.send('checks.run', { planId }).then(
          (report) => live && setChecks(report),
          () => undefined,
        );
      },
      (err: unknown) => live && setStored({ error: errorMessage(err) }),
    );
    api.send('export.getSettings', { planId, target }).then(setSettings, (err: unknown) => setError(errorMessage(err)));
    return () => {
      live = false;
    };
  }, [planId, page, target]);

  // The preview follows every change of the settings (debounced; a later answer wins).
  useEffect(() => {
    if (!settings || stored !== 'stored') return;
    const id = ++request.current;
    const timer = setTimeout(() => {
      setLoadingPreview(true);
      // The notice being edited (once the stored one is read; until then the service reads it itself).
      api.send('export.preview', { planId, settings, target, ...(report || !doc ? {} : { notice }) }).then(
        (p) => {
          if (id !== request.current) return;
          setPreview(p);
          setPreviewError(null);
          setLoadingPreview(false);
        },
        (err: unknown) => {
          if (id !== request.current) return;
          setPreviewError(errorMessage(err));
          setLoadingPreview(false);
        },
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [planId, settings, stored, target, report, notice, doc]);

  const fontKey = settings ? `${settings.fontProfile}|${settings.latinFont}` : '';
  useEffect(() => {
    if (!settings) return;
    api.send('export.checkFonts', { fontProfile: settings.fontProfile, latinFont: settings.latinFont }).then(
      (r) => setFontNotice(r.message),
      () => setFontNotice(null),
    );
    // Only the font choice matters here.
  }, [fontKey]); // eslint-disable-line react-hooks/exhaustive-deps

  const change = (patch: Partial<ExportSettings>) => setSettings((s) => (s ? { ...s, ...patch } : s));

  const doExport = async (kind: 'docx' | 'ledger'): Promise<void> => {
    if (!settings) return;
    setBusy(kind);
    try {
      // Nothing typed may be missing from the file; the check warning is on screen before it is written.
      await page.saveEdits();
      await checksDone.current;
      // Remember the choices for this plan (or its report), then export with exactly them.
      await api.send('export.saveSettings', { planId, settings, target });
      const file = await api.send(kind === 'docx' ? 'export.docx' : 'export.ledgerDocx', { planId, settings, target });
      const saved = await saveFile({ title: kind === 'docx' ? (report ? '导出整改落实情况报告' : '导出 Word 公文') : '导出整改台账', defaultName: file.fileName, filters: WORD_FILTER, dataBase64: file.dataBase64 });
      if (!saved) return;
      message.success(`已导出：${file.fileName}`);
      if (file.warnings.length > 0) {
        notification.info({
          key: EXPORT_NOTICE,
          title: '导出提示',
          description: (
            <ul className="export-warnings">
              {file.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          ),
          duration: 0,
        });
      }
      if (kind === 'docx') onClose();
    } catch (err) {
      notification.error({ key: EXPORT_NOTICE, title: '导出失败', description: errorMessage(err) });
    } finally {
      setBusy(null);
    }
  };

  const count = (part: string) => preview?.pages.filter((p) => p.part === part).length ?? 0;
  const breakdown = [
    count('notice') > 0 ? `通知 ${count('notice')} 页` : '',
    `正文 ${count('plan')} 页`,
    count('ledger') > 0 ? `台账 ${count('ledger')} 页` : '',
    count('blank') > 0 ? `空白页 ${count('blank')} 页` : '',
    count('colophon') > 0 ? `版记 ${count('colophon')} 页` : '',
  ].filter(Boolean);

  return (
    <Modal
      open
      title={report ? '导出整改落实情况报告' : '导出 Word 公文'}
      width={1180}
      className="export-dialog"
      style={{ top: 24, paddingBottom: 0 }}
      onCancel={onClose}
      maskClosable={false}
      footer={
        <Flex justify="space-between" align="center">
          <Typography.Text type="secondary">按 GB/T 9704-2012：A4，页边距 37/35/28/26 毫米，每页 22 行、每行 28 字</Typography.Text>
          <Flex gap={8}>
            <Button onClick={onClose}>取消</Button>
            {!report && (
              <Button onClick={() => void doExport('ledger')} loading={busy === 'ledger'} disabled={!settings || stored !== 'stored' || busy !== null}>
                单独导出台账
              </Button>
            )}
            <Button type="primary" icon={<FileWordOutlined aria-hidden />} onClick={() => void doExport('docx')} loading={busy === 'docx'} disabled={!settings || stored !== 'stored' || busy !== null}>
              导出
            </Button>
          </Flex>
        </Flex>
      }
    >
      {error && <Alert type="error" showIcon title="无法读取导出设置" description={error} />}

      {!settings && !error && <Spin />}
      {settings && (
        <Row gutter={24} className="export-body">
          <Col span={9} className="export-settings">
            <Form layout="vertical" size="small">
              <Collapse
                className="export-issuance-panel"
                size="small"
                defaultActiveKey={report ? ['issuance'] : []}
                items={[
                  {
                    key: 'issuance',
                    label: '发文设置',
                    extra: <span className="export-issuance-summary">{issuanceSummary(settings)}</span>,
                    children: <IssuanceSettings settings={settings} change={change} target={target} doc={doc} notice={notice} onNotice={editNotice} />,
                  },
                ]}
              />
              <Form.Item label="字体方案" htmlFor="export-font-profile">
                <Select
                  id="export-font-profile"
                  aria-label="字体方案"
                  value={settings.fontProfile}
                  onChange={(v) => change({ fontProfile: v })}
                  options={FONT_PROFILES.map((p) => ({ value: p, label: FONT_PROFILE_LABELS[p] }))}
                />
              </Form.Item>
              {fontNotice && <Alert className="export-font-notice" type="warning" showIcon title="字体未安装" description={fontNotice} />}
              <Form.Item label="数字和西文字体" htmlFor="export-latin">
                <Input id="export-latin" value={settings.latinFont} onChange={(e) => change({ latinFont: e.target.value })} onBlur={(e) => change({ latinFont: e.target.value.trim() || 'Times New Roman' })} />
              </Form.Item>
              <Form.Item label="标题分行（每行一段，留空则自动分为梯形或菱形）" htmlFor="export-title-lines">
                <Input.TextArea
                  id="export-title-lines"
                  autoSize={{ minRows: 1, maxRows: 4 }}
                  value={settings.titleLines?.join('\n') ?? ''}
                  onChange={(e) => {
                    const lines = e.target.value.split('\n').map((l) => l.trim()).filter((l) => l !== '');
                    change({ titleLines: lines.length > 0 ? lines : null });
                  }}
                />
              </Form.Item>
              <Flex wrap gap="4px 16px">
                <Toggle label="三级标题引领句加粗" checked={settings.boldLeadSentence} onChange={(v) => change({ boldLeadSentence: v })} />
                <Toggle label="二级标题加粗" checked={settings.boldLevel2} onChange={(v) => change({ boldLevel2: v })} />
                <Toggle label="措施后列责任行" checked={settings.responsibilityLine} onChange={(v) => change({ responsibilityLine: v })} />
                <Toggle label="主送机关" checked={settings.showAddressee} onChange={(v) => change({ showAddressee: v })} />
                <Toggle label="署名和成文日期" checked={settings.showSignature} onChange={(v) => change({ showSignature: v })} />
                <Toggle label="加盖印章" checked={settings.seal} onChange={(v) => change({ seal: v })} />
                <Toggle label="页码数字两侧留空格" checked={settings.pageNumberSpaces} onChange={(v) => change({ pageNumberSpaces: v })} />
                <Toggle label="双面印刷对称页边距" checked={settings.mirrorMargins} onChange={(v) => change({ mirrorMargins: v })} />
              </Flex>
              <Form.Item label="“1.”级序号">
                <Radio.Group
                  value={settings.level3Numbering ?? 'plan'}
                  onChange={(e) => change({ level3Numbering: e.target.value === 'plan' ? null : (e.target.value as 'restart' | 'continuous') })}
                  options={[
                    { value: 'plan', label: '按方案原样' },
                    { value: 'restart', label: '每部分重新编号' },
                    { value: 'continuous', label: '全文连续编号' },
                  ]}
                />
              </Form.Item>
              {!report && (
                <>
                  <Divider plain>整改台账（附件）</Divider>
                  <Toggle label="附整改台账（横排）" checked={settings.ledger} onChange={(v) => change({ ledger: v })} />
                  <Form.Item label="台账列" htmlFor="export-ledger-columns">
                    <Checkbox.Group
                      value={settings.ledgerColumns}
                      onChange={(v) => {
                        const chosen = LEDGER_COLUMN_IDS.filter((id) => (v as LedgerColumnId[]).includes(id));
                        if (chosen.length >= 2) change({ ledgerColumns: chosen });
                      }}
                      options={LEDGER_COLUMN_IDS.map((id) => ({ value: id, label: LEDGER_COLUMNS[id].label }))}
                    />
                  </Form.Item>
                  <Form.Item label="台账标题（留空则与附件说明一致）" htmlFor="export-ledger-title">
                    <Input id="export-ledger-title" value={settings.ledgerTitle ?? ''} onChange={(e) => change({ ledgerTitle: e.target.value.trim() === '' ? null : e.target.value })} />
                  </Form.Item>
                  <Flex wrap gap="4px 24px">
                    <Form.Item label="台账字号">
                      <Radio.Group value={settings.ledgerFontSize} onChange={(e) => change({ ledgerFontSize: e.target.value as 24 | 28 })} options={[{ value: 24, label: '小四' }, { value: 28, label: '四号' }]} />
                    </Form.Item>
                    <Form.Item label="台账页码">
                      <Radio.Group
                        value={settings.ledgerPageNumbers}
                        onChange={(e) => change({ ledgerPageNumbers: e.target.value as 'rotated' | 'footer' })}
                        options={[
                          { value: 'rotated', label: '订口侧竖排' },
                          { value: 'footer', label: '页脚' },
                        ]}
                      />
                    </Form.Item>
                  </Flex>
                </>
              )}
            </Form>
          </Col>
          <Col span={15} className="export-preview-column">
            {typeof stored === 'object' && <Alert className="export-unsaved" type="error" showIcon title="修改尚未保存，暂不能导出" description={stored.error} />}
            {checks && (
              <ChecksWarning
                report={checks}
                onShow={() => {
                  onClose();
                  page.showChecks();
                }}
              />
            )}
            <Flex justify="space-between" align="center" className="export-preview-head">
              <Typography.Text strong data-testid="export-page-count">
                {preview ? `共 ${preview.pages.length} 页` : stored === 'saving' ? '正在保存修改…' : stored === 'stored' ? '正在排版…' : '无法预览'}
                {preview && breakdown.length > 1 ? `（${breakdown.join('，')}）` : ''}
              </Typography.Text>
              {loadingPreview && <Spin size="small" />}
            </Flex>
            {previewError && <Alert type="error" showIcon title="无法预览" description={previewError} />}
            {preview && preview.warnings.length > 0 && (
              <Alert
                className="export-preview-warnings"
                type="info"
                showIcon
                title="排版提示"
                description={
                  <ul className="export-warnings">
                    {preview.warnings.map((w) => (
                      <li key={w}>{w}</li>
                    ))}
                  </ul>
                }
              />
            )}
            <div className="export-preview-scroll">{preview && <PagedPreview preview={preview} />}</div>
          </Col>
        </Row>
      )}
    </Modal>
  );
}
