import { Alert, Button } from 'antd';
import type { CheckFinding, CheckReport } from '../../shared/api/editor.ts';

/** How many findings the dialog spells out; the 公文检查 panel lists them all. */
const SHOWN = 3;

/** Errors before warnings, each group in the plan's order. */
function mostImportant(findings: readonly CheckFinding[]): CheckFinding[] {
  return [...findings.filter((f) => f.severity === 'error'), ...findings.filter((f) => f.severity !== 'error')];
}

/**
 * The 公文检查 findings in the export dialog: a warning, never a block (the secretary may have reasons
 * to export a draft as it is). Names the count and the first few messages, and leads to the full
 * panel. Kept to two or three lines so the preview and the 导出 button stay in view on a small screen.
 */
export function ChecksWarning({ report, onShow }: { report: CheckReport; onShow: () => void }) {
  const findings = mostImportant(report.findings);
  if (findings.length === 0) return null;
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const parts = [errors > 0 ? `${errors} 处错误` : '', warnings > 0 ? `${warnings} 处提示` : ''].filter(Boolean).join('、');
  const rest = findings.length - SHOWN;
  return (
    <Alert
      className="export-checks"
      type="warning"
      showIcon
      aria-label="公文检查结果"
      title={`公文检查发现 ${parts}，建议修改后再导出（仍可直接导出）`}
      description={
        <span className="export-checks-list">
          {findings.slice(0, SHOWN).map((f, i) => (
            <span key={i} className="export-checks-item">
              {f.message}
            </span>
          ))}
          {rest > 0 && <span className="export-checks-more">另有 {rest} 处，详见公文检查</span>}
        </span>
      }
      action={
        <Button size="small" onClick={onShow}>
          查看公文检查
        </Button>
      }
    />
  );
}
