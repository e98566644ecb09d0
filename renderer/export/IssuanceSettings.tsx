import { useState } from 'react';
import { Checkbox, Flex, Form, Input, Radio, Select } from 'antd';
import type { ExportSettings } from '../../shared/domain/export-settings.ts';
import type { CoverNotice, PlanDocument } from '../../shared/domain/document.ts';
import { effectiveNotice } from '../../shared/domain/cover-notice.ts';
import {
  DOC_TYPES,
  DOC_TYPE_LABELS,
  LETTERHEADS,
  LETTERHEAD_LABELS,
  URGENCIES,
  docNumberProblems,
  isMultipleAddressee,
  isUpward,
  officeOf,
  organMark,
  splitOrganMark,
  type DocType,
  type Letterhead,
} from '../../shared/domain/issuance.ts';
import { Toggle } from './Toggle.tsx';

/** What the form shows as defaults: the document's title, 主送, 落款, 成文日期 and stored notice. */
export type DocInfo = Pick<PlanDocument, 'title' | 'addressee' | 'issuer' | 'date' | 'notice'>;

const DATE_INPUT = /^\d{4}(?:-\d{1,2}-\d{1,2}|年\d{1,2}月\d{1,2}日)$/u;

const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** One line for the collapsed panel's header: what the issued document will have. */
export function issuanceSummary(s: ExportSettings): string {
  const parts: string[] = [];
  if (s.docType !== 'none') parts.push(DOC_TYPE_LABELS[s.docType]);
  if (s.letterhead === 'red') parts.push('红色版头');
  if (s.letterhead === 'blank') parts.push('套打版头');
  if (s.colophon) parts.push(s.duplex ? '版记（双面印刷）' : '版记');
  return parts.length > 0 ? parts.join('、') : '未设置（只导出正文）';
}

/**
 * 发文设置 of the export dialog: 文种, 版头 (发文机关标志, 发文字号, 签发人, 份号/密级/紧急程度), the
 * 印发通知's wording (stored with the plan through the editor) and the 版记. Every field shows what
 * is printed when it is left empty.
 */
export function IssuanceSettings(props: {
  settings: ExportSettings;
  change: (patch: Partial<ExportSettings>) => void;
  target: 'plan' | 'report';
  doc: DocInfo | null;
  notice: CoverNotice | null;
  onNotice: (notice: CoverNotice) => void;
}) {
  const { settings: s, change, doc } = props;
  const withNotice = s.docType === 'notice';
  const upward = isUpward(s.docType);
  const shown = doc ? effectiveNotice({ ...doc, notice: props.notice }) : null;
  const organ = (withNotice ? shown?.issuer : doc?.issuer) ?? '';
  const stored: CoverNotice = props.notice ?? { title: '', addressee: null, body: [], issuer: null, date: null };
  const editNotice = (patch: Partial<CoverNotice>) => props.onNotice({ ...stored, ...patch });
  // Dates and 份号 are kept as typed until they read as one, so the preview never sees half a date.
  const [printedOn, setPrintedOn] = useState(s.printedOn ?? '');
  const printedOnValid = printedOn.trim() === '' || DATE_INPUT.test(printedOn.trim());
  const numberProblems = docNumberProblems(s.docNumber ?? '');
  const addressee = withNotice ? (props.notice?.addressee ?? '') : (s.addressee ?? '');
  const addresseeShown = withNotice ? (shown?.addressee ?? '') : addressee || (doc?.addressee ?? '');
  const docTypes = props.target === 'report' ? DOC_TYPES.filter((t) => t !== 'notice') : DOC_TYPES;

  return (
    <div className="export-issuance">
      <Form.Item label="文种">
        <Radio.Group
          value={s.docType}
          onChange={(e) => {
            const docType = e.target.value as DocType;
            change({ docType });
          }}
          options={docTypes.map((t) => ({ value: t, label: DOC_TYPE_LABELS[t] }))}
        />
      </Form.Item>
      <Form.Item label="版头">
        <Radio.Group value={s.letterhead} onChange={(e) => change({ letterhead: e.target.value as Letterhead })} options={LETTERHEADS.map((l) => ({ value: l, label: LETTERHEAD_LABELS[l] }))} />
      </Form.Item>
      {s.letterhead !== 'none' && (
        <>
          <Form.Item label="发文机关（联合行文每行一个，主办机关在前）" htmlFor="export-organs">
            <Input.TextArea
              id="export-organs"
              autoSize={{ minRows: 1, maxRows: 4 }}
              maxLength={250}
              placeholder={organ ? organMark(organ, s.organSuffix) : '如：中共××市××局党组文件'}
              value={s.organs.join('\n')}
              onChange={(e) => change({ organs: lines(e.target.value).map((l) => splitOrganMark(l, s.organSuffix).organ) })}
            />
          </Form.Item>
          <Checkbox checked={s.organSuffix === '文件'} onChange={(e) => change({ organSuffix: e.target.checked ? '文件' : '' })} className="export-organ-suffix">
            机关名称后加“文件”二字
          </Checkbox>
          <Form.Item
            label="发文字号"
            htmlFor="export-doc-number"
            validateStatus={numberProblems.length > 0 ? 'warning' : undefined}
            help={numberProblems.length > 0 ? numberProblems.join('；') : undefined}
          >
            <Input id="export-doc-number" maxLength={40} placeholder="如：××党组发〔2026〕3号" value={s.docNumber ?? ''} onChange={(e) => change({ docNumber: e.target.value })} />
          </Form.Item>
          {upward && (
            <Form.Item label="签发人（按机关顺序，可填多位）" htmlFor="export-signers">
              <Select
                id="export-signers"
                aria-label="签发人"
                mode="tags"
                open={false}
                suffixIcon={null}
                tokenSeparators={['、', '，', ',', ' ', '　']}
                placeholder="输入姓名后按回车"
                value={s.signers}
                onChange={(v: string[]) => change({ signers: v.map((x) => x.trim()).filter((x) => x !== '' && x.length <= 10).slice(0, 8) })}
              />
            </Form.Item>
          )}
          <Flex gap={8}>
            <Form.Item label="份号" htmlFor="export-copy-number" className="export-narrow">
              <Input id="export-copy-number" inputMode="numeric" maxLength={6} placeholder="不标注" value={s.copyNumber ?? ''} onChange={(e) => change({ copyNumber: e.target.value.replace(/\D/g, '') })} />
            </Form.Item>
            <Form.Item label="密级和保密期限" htmlFor="export-secrecy" className="export-wide">
              <Input id="export-secrecy" maxLength={20} placeholder="如：秘密★1年" value={s.secrecy ?? ''} onChange={(e) => change({ secrecy: e.target.value })} />
            </Form.Item>
            <Form.Item label="紧急程度" htmlFor="export-urgency" className="export-narrow">
              <Select
                id="export-urgency"
                aria-label="紧急程度"
                allowClear
                placeholder="不标注"
                value={s.urgency ?? undefined}
                onChange={(v: (typeof URGENCIES)[number] | undefined) => change({ urgency: v ?? null })}
                options={URGENCIES.map((u) => ({ value: u, label: u }))}
              />
            </Form.Item>
          </Flex>
        </>
      )}

      {(withNotice || upward) && (
        <Form.Item
          label={withNotice ? '通知的主送机关' : '主送机关（上级机关）'}
          htmlFor="export-addressee"
          validateStatus={upward && addresseeShown !== '' && isMultipleAddressee(addresseeShown) ? 'warning' : undefined}
          help={upward && addresseeShown !== '' && isMultipleAddressee(addresseeShown) ? '上行文只主送一个上级机关，其他机关可以抄送' : undefined}
        >
          <Input
            id="export-addressee"
            maxLength={200}
            placeholder={withNotice ? (doc?.addressee ?? '如：机关各部门、各直属单位') : (doc?.addressee ?? '如：中共××市委')}
            value={addressee}
            onChange={(e) => (withNotice ? editNotice({ addressee: e.target.value === '' ? null : e.target.value }) : change({ addressee: e.target.value }))}
          />
        </Form.Item>
      )}

      {withNotice && shown && (
        <>
          <Form.Item label="通知标题" htmlFor="export-notice-title">
            <Input.TextArea
              id="export-notice-title"
              autoSize={{ minRows: 1, maxRows: 3 }}
              maxLength={200}
              placeholder={shown.title}
              value={stored.title}
              onChange={(e) => editNotice({ title: e.target.value.replace(/\n/g, '') })}
            />
          </Form.Item>
          <Form.Item label="通知正文" htmlFor="export-notice-body">
            <Input.TextArea
              id="export-notice-body"
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={2000}
              value={stored.body.length > 0 ? stored.body.join('\n') : shown.body.join('\n')}
              onChange={(e) => editNotice({ body: e.target.value.split('\n') })}
            />
          </Form.Item>
          <Flex gap={8}>
            <Form.Item label="通知落款" htmlFor="export-notice-issuer" className="export-wide">
              <Input id="export-notice-issuer" maxLength={60} placeholder={doc?.issuer ?? '发文机关署名'} value={stored.issuer ?? ''} onChange={(e) => editNotice({ issuer: e.target.value === '' ? null : e.target.value })} />
            </Form.Item>
            <Form.Item label="通知成文日期" htmlFor="export-notice-date" className="export-wide">
              <Input id="export-notice-date" maxLength={20} placeholder={doc?.date ?? '如：2026年1月5日'} value={stored.date ?? ''} onChange={(e) => editNotice({ date: e.target.value === '' ? null : e.target.value })} />
            </Form.Item>
          </Flex>
          <Toggle label="方案正文后也保留落款和日期" checked={s.planSignatureWithNotice} onChange={(v) => change({ planSignatureWithNotice: v })} />
        </>
      )}

      <Toggle label="版记（抄送、印发机关和印发日期）" checked={s.colophon} onChange={(v) => change({ colophon: v })} />
      {s.colophon && (
        <>
          <Form.Item label="抄送机关" htmlFor="export-cc">
            <Input.TextArea id="export-cc" autoSize={{ minRows: 1, maxRows: 3 }} maxLength={400} placeholder="如：市纪委监委，市委组织部（不抄送则留空）" value={s.cc ?? ''} onChange={(e) => change({ cc: e.target.value.replace(/\n/g, '') })} />
          </Form.Item>
          <Flex gap={8}>
            <Form.Item label="印发机关" htmlFor="export-printed-by" className="export-wide">
              <Input id="export-printed-by" maxLength={40} placeholder={organ ? officeOf(organ) : '如：中共××局党组办公室'} value={s.printedBy ?? ''} onChange={(e) => change({ printedBy: e.target.value })} />
            </Form.Item>
            <Form.Item
              label="印发日期"
              htmlFor="export-printed-on"
              className="export-wide"
              validateStatus={printedOnValid ? undefined : 'error'}
              help={printedOnValid ? undefined : '写成2026-01-05或2026年1月5日'}
            >
              <Input
                id="export-printed-on"
                maxLength={20}
                placeholder={(withNotice ? shown?.date : doc?.date) ?? '同成文日期'}
                value={printedOn}
                onChange={(e) => {
                  const v = e.target.value;
                  setPrintedOn(v);
                  if (v.trim() === '' || DATE_INPUT.test(v.trim())) change({ printedOn: v.trim() === '' ? null : v.trim() });
                }}
              />
            </Form.Item>
          </Flex>
          <Toggle label="双面印刷（版记放在偶数页，需要时前加空白页）" checked={s.duplex} onChange={(v) => change({ duplex: v })} />
        </>
      )}
    </div>
  );
}
