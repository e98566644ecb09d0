import { Button, Tabs } from 'antd';
import { CloseOutlined } from '@ant-design/icons';
import type { CheckFinding, ProblemItem } from '../../shared/api/editor.ts';
import type { NodeKind } from '../../shared/domain/document.ts';
import type { PlanStore } from './plan-store.ts';
import { PhrasePanel } from './PhrasePanel.tsx';
import { ProblemsPanel } from './ProblemsPanel.tsx';
import { ChecksPanel } from './ChecksPanel.tsx';
import { HistoryPanel } from './HistoryPanel.tsx';

export type SideTab = 'phrases' | 'problems' | 'checks' | 'history';

export interface SidePanelProps {
  tab: SideTab;
  onTab: (tab: SideTab) => void;
  onClose: () => void;
  store: PlanStore;
  planId: string;
  planKind: string;
  selectedId: string | null;
  selectedKind: NodeKind | null;
  problems: ProblemItem[];
  reloadProblems: () => Promise<void>;
  onJump: (finding: CheckFinding) => void;
  onSelect: (id: string) => void;
  revisionTick: number;
  checkTick: number;
}

/** The right-hand panel: 常用语, 问题清单, 公文检查, 历史版本. It never takes the place of the editor. */
export function SidePanel(props: SidePanelProps) {
  return (
    <aside className="editor-side" aria-label="辅助面板">
      <Tabs
        activeKey={props.tab}
        onChange={(k) => props.onTab(k as SideTab)}
        size="small"
        tabBarExtraContent={<Button type="text" size="small" icon={<CloseOutlined aria-hidden />} aria-label="关闭面板" onClick={props.onClose} />}
        items={[
          { key: 'phrases', label: '常用语', children: <PhrasePanel planKind={props.planKind} /> },
          {
            key: 'problems',
            label: '问题清单',
            children: (
              <ProblemsPanel
                store={props.store}
                problems={props.problems}
                reload={props.reloadProblems}
                selectedId={props.selectedKind === 'measure' ? props.selectedId : null}
                onSelect={props.onSelect}
              />
            ),
          },
          {
            key: 'checks',
            label: '公文检查',
            children: <ChecksPanel store={props.store} planId={props.planId} onJump={props.onJump} tick={props.checkTick} />,
          },
          { key: 'history', label: '历史版本', children: <HistoryPanel store={props.store} planId={props.planId} tick={props.revisionTick} /> },
        ]}
      />
    </aside>
  );
}
