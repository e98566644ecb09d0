import { Switch } from 'antd';

/** A labelled switch of the export dialog (the label is its accessible name). */
export function Toggle({ label, checked, onChange }: { label: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <label className="export-toggle">
      <Switch size="small" checked={checked} onChange={onChange} aria-label={label} /> {label}
    </label>
  );
}
