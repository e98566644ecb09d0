import { memo, useEffect, useId, useImperativeHandle, useRef, useState, type ReactNode, type RefObject } from 'react';
import { AutoComplete, Button, DatePicker, Input, Select, Space, Tag } from 'antd';
import type { DirectoryType } from '../../shared/api/editor.ts';
import { classifyDeadline } from '../../shared/domain/deadline-classify.ts';
import { DEADLINE_KIND_LABELS } from '../../shared/domain/deadline.ts';
import { api } from '../api/client.ts';
import { insertAtCursor, setActiveField } from './active-field.ts';
import { splitPlaceholders, hasPlaceholder } from './outline-ops.ts';

/**
 * Field editors. Each keeps its own text while the user types (no re-render of anything else) and
 * reports the value upward, where the store debounces the save. They remount when the plan is reloaded.
 */

export function FieldRow(props: { label: string; htmlFor: string; help?: ReactNode; children: ReactNode; extra?: ReactNode }) {
  return (
    <div className="field">
      <div className="field-head">
        <label htmlFor={props.htmlFor} className="field-label">
          {props.label}
        </label>
        {props.extra}
      </div>
      {props.children}
      {props.help && <div className="field-help">{props.help}</div>}
    </div>
  );
}

/** Shows unfilled placeholders ({单位} …) of a text, highlighted. */
export function Placeholders({ text }: { text: string }) {
  if (!hasPlaceholder(text)) return null;
  const names = [...new Set(splitPlaceholders(text).filter((p) => p.placeholder).map((p) => p.text))];
  return (
    <span className="placeholder-note" role="note">
      待填写：
      {names.map((name) => (
        <mark key={name} className="placeholder">
          {name}
        </mark>
      ))}
    </span>
  );
}

/** Text with its placeholders wrapped in <mark>. */
export function Highlighted({ text }: { text: string }) {
  if (!hasPlaceholder(text)) return <>{text}</>;
  return (
    <>
      {splitPlaceholders(text).map((p, i) =>
        p.placeholder ? (
          <mark key={i} className="placeholder">
            {p.text}
          </mark>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}

export interface TextHandle {
  /** Inserts at the cursor (or appends as a new line when the field was never focused) */
  insert(text: string): void;
  focus(): void;
}

export const TextField = memo(function TextField(props: {
  label: string;
  initial: string;
  nodeId: string | null;
  multiline?: boolean;
  placeholder?: string;
  help?: ReactNode;
  autoFocus?: boolean;
  handle?: RefObject<TextHandle | null>;
  onChange: (value: string) => void;
  onBlur: () => void;
}) {
  const id = useId();
  const [value, setValue] = useState(props.initial);
  const element = useRef<HTMLInputElement | HTMLTextAreaElement | null>(null);
  const { onChange, label, nodeId } = props;

  const change = (next: string): void => {
    setValue(next);
    onChange(next);
  };

  // Reads the text from the element itself: the registry keeps this function after focus moves on.
  const insert = (text: string): void => {
    const el = element.current;
    if (!el) {
      change(value ? `${value}${props.multiline ? '\n' : ''}${text}` : text);
      return;
    }
    const { value: next, caret } = insertAtCursor(el, el.value, text);
    change(next);
    // Put the cursor after the inserted words once React has written the value.
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(caret, caret);
    });
  };

  useImperativeHandle(props.handle, () => ({ insert, focus: () => document.getElementById(id)?.focus() }));

  const register = (target: HTMLInputElement | HTMLTextAreaElement): void => {
    element.current = target;
    setActiveField({ label, nodeId, element: target, insert });
  };

  const common = {
    id,
    value,
    placeholder: props.placeholder,
    autoFocus: props.autoFocus,
    onFocus: (e: React.FocusEvent<HTMLInputElement | HTMLTextAreaElement>) => register(e.target),
    onBlur: props.onBlur,
  };
  return (
    <FieldRow
      label={props.label}
      htmlFor={id}
      help={
        <>
          <Placeholders text={value} />
          {props.help}
        </>
      }
    >
      {props.multiline ? (
        <Input.TextArea {...common} autoSize={{ minRows: 3, maxRows: 16 }} onChange={(e) => change(e.target.value)} />
      ) : (
        <Input {...common} onChange={(e) => change(e.target.value)} />
      )}
    </FieldRow>
  );
});

/** Directory suggestions for a query, refreshed as the user types (the directory grows with every save). */
function useDirectory(type: DirectoryType, query: string, enabled: boolean): string[] {
  const [names, setNames] = useState<string[]>([]);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const t = setTimeout(() => {
      api
        .send('directory.search', { type, query, limit: 20 })
        .then((entries) => live && setNames(entries.map((e) => e.name)))
        .catch(() => live && setNames([]));
    }, 120);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [type, query, enabled]);
  return names;
}

/** 责任领导 / 责任部门 / 责任人: free text with autocomplete from the directory. */
export const DirectoryField = memo(function DirectoryField(props: {
  label: string;
  type: DirectoryType;
  initial: string;
  onChange: (value: string) => void;
  onBlur: () => void;
}) {
  const id = useId();
  const [value, setValue] = useState(props.initial);
  const [open, setOpen] = useState(false);
  const names = useDirectory(props.type, value, open);
  return (
    <FieldRow label={props.label} htmlFor={id}>
      <AutoComplete
        id={id}
        value={value}
        options={open ? names.filter((n) => n !== value).map((n) => ({ value: n, label: n })) : []}
        onFocus={() => setOpen(true)}
        onBlur={() => {
          setOpen(false);
          props.onBlur();
        }}
        onChange={(v: string) => {
          setValue(v);
          props.onChange(v);
        }}
        placeholder={props.type === 'department' ? '输入或选择部门' : '输入或选择人员'}
        style={{ width: '100%' }}
      />
    </FieldRow>
  );
});

/** 配合部门: several departments, each picked from the directory or typed. */
export const DepartmentsField = memo(function DepartmentsField(props: {
  label: string;
  initial: string[];
  onChange: (value: string[]) => void;
  onBlur: () => void;
}) {
  const id = useId();
  const [value, setValue] = useState(props.initial);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const names = useDirectory('department', query, open);
  return (
    <FieldRow label={props.label} htmlFor={id}>
      <Select
        id={id}
        mode="tags"
        value={value}
        options={names.map((n) => ({ value: n, label: n }))}
        onSearch={setQuery}
        onChange={(v: string[]) => {
          const cleaned = v.map((s) => s.trim()).filter((s) => s !== '');
          setValue(cleaned);
          setQuery('');
          props.onChange(cleaned);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => {
          setOpen(false);
          props.onBlur();
        }}
        tokenSeparators={['、', '，', ',']}
        placeholder="输入或选择配合部门，可多个"
        style={{ width: '100%' }}
      />
    </FieldRow>
  );
});

/** 完成时限: quick choices, a month picker producing "2026年3月底前", or free text; classified as typed. */
export const DeadlineField = memo(function DeadlineField(props: { initial: string; onChange: (value: string) => void; onBlur: () => void }) {
  const id = useId();
  const [value, setValue] = useState(props.initial);
  const change = (v: string): void => {
    setValue(v);
    props.onChange(v);
  };
  const kind = value.trim() ? classifyDeadline(value).kind : null;
  return (
    <FieldRow
      label="完成时限"
      htmlFor={id}
      extra={kind && <Tag className="deadline-kind">{DEADLINE_KIND_LABELS[kind]}</Tag>}
    >
      <Input id={id} value={value} onChange={(e) => change(e.target.value)} onBlur={props.onBlur} placeholder="如：2026年3月底前、立行立改、长期坚持" />
      <Space size="small" wrap className="deadline-quick">
        <Button size="small" onClick={() => change('立行立改')}>
          立行立改
        </Button>
        <Button size="small" onClick={() => change('长期坚持')}>
          长期坚持
        </Button>
        <Button size="small" onClick={() => change(value.trim() && !value.includes('长期坚持') ? `${value.trim()}并长期坚持` : '长期坚持')}>
          并长期坚持
        </Button>
        <DatePicker
          size="small"
          picker="month"
          aria-label="选择完成月份"
          placeholder="选择月份"
          onChange={(d) => d && change(`${d.year()}年${d.month() + 1}月底前`)}
        />
        <DatePicker
          size="small"
          aria-label="选择完成日期"
          placeholder="选择日期"
          onChange={(d) => d && change(`${d.year()}年${d.month() + 1}月${d.date()}日前`)}
        />
      </Space>
    </FieldRow>
  );
});
