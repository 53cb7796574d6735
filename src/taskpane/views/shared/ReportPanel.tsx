import { Button, Dropdown, Field, Option, Text } from '@fluentui/react-components';
import { DocumentArrowDownRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { Comparison, TableWithResult } from '../../../core/compare';
import type { TieRule } from '../../../core/rank';
import { isSetSupported } from '../../../hosts/office/requirements';
import { Notice } from '../../components/Notice';
import { saveFileOn } from '../../host/save-file';
import { useI18n } from '../../i18n';
import { reportFileName } from '../../report/file-name';
import { useSession } from '../../session/WorkbookSession';
import { DOCX_MIME } from '../../standalone/download';
import { useViewStyles } from './styles';

export interface ReportPanelProps {
  /** The table reported on (this year). */
  current: TableWithResult | null;
  /** Its comparison with the prior year, when one is chosen: changes, declines and last year's bars. */
  comparison: Comparison | null;
  /** The tie rule chosen in the view (ranks in the report); the comparison's otherwise. */
  ties?: TieRule;
}

/** The document library, loaded on the first click as its own chunk (src/taskpane/report/build.ts). */
const loadBuilder = () => import(/* webpackChunkName: "report-docx" */ '../../report/build');

interface Made {
  name: string;
  units: number;
  offered: boolean;
}

/**
 * "Tạo báo cáo (Word)" (issue #18): the report draft for one unit or all units of the table,
 * made here and saved on this computer (downloaded in a browser; in Excel, see office-host.ts).
 */
export function ReportPanel({ current, comparison, ties }: ReportPanelProps) {
  const { t } = useI18n();
  const styles = useViewStyles();
  const session = useSession();
  const [unit, setUnit] = useState<string | null>(null);
  const report = useReportMaker(comparison, ties);
  if (!current) return null;
  // A unit's own form reports that one unit: no picker.
  const units = current.table.layout === 'scorecard' ? [] : current.result.series.map((s) => s.series.name);
  const chosen = unit !== null && units.includes(unit) ? unit : null;
  const choose = (name: string | null) => {
    report.forget();
    setUnit(name);
  };

  return (
    <section className={styles.stack} aria-labelledby="report-heading">
      <h3 id="report-heading" className={styles.subheading}>
        {t('report.heading')}
      </h3>
      <Text size={200} className={styles.muted}>
        {t('report.intro')}
      </Text>
      {units.length > 1 ? <UnitPicker units={units} chosen={chosen} onChoose={choose} /> : null}
      {!comparison ? <Text size={200}>{t('report.noPrior')}</Text> : null}
      <div className={styles.row}>
        <Button icon={<DocumentArrowDownRegular />} disabled={!!session.busy} onClick={() => void report.make(current, chosen)}>
          {t('report.make')}
        </Button>
      </div>
      {report.made ? <MadeNotice made={report.made} /> : null}
      {report.made?.offered ? <OfferedNote /> : null}
    </section>
  );
}

/** Making the report and saving it on this computer; `made` says what was saved, until forgotten. */
function useReportMaker(comparison: Comparison | null, ties: TieRule | undefined) {
  const { t, locale } = useI18n();
  const session = useSession();
  const [made, setMade] = useState<Made | null>(null);
  const make = async (current: TableWithResult, chosen: string | null) => {
    setMade(null);
    const done = await session.run(t('app.working'), async () => {
      const { buildReport } = await loadBuilder();
      const built = await buildReport(current, comparison, chosen, locale, ties);
      const name = reportFileName(chosen, built.year, locale);
      const outcome = await saveFileOn(session.host, { name, data: built.data, mime: DOCX_MIME });
      return { name, units: built.units, offered: outcome === 'offered' };
    });
    if (done) setMade(done);
  };
  return { made, make, forget: () => setMade(null) };
}

/** "Đơn vị": all units (the empty option) or one of them. */
function UnitPicker({ units, chosen, onChoose }: { units: string[]; chosen: string | null; onChoose: (unit: string | null) => void }) {
  const { t } = useI18n();
  const allLabel = t('report.allUnits');
  return (
    <Field label={t('report.unit')}>
      <Dropdown
        value={chosen ?? allLabel}
        selectedOptions={[chosen ?? '']}
        onOptionSelect={(_, d) => onChoose(d.optionValue ? d.optionValue : null)}
      >
        <Option value="">{allLabel}</Option>
        {units.map((name, i) => (
          <Option key={`${i}|${name}`} value={name}>
            {name}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}

/** The report's file name, and how many units it covers when more than one. */
function MadeNotice({ made }: { made: Made }) {
  const { t } = useI18n();
  return (
    <Notice intent="success">
      {t(made.offered ? 'report.offered' : 'report.saved', {
        name: made.name,
        units: made.units > 1 ? t('report.count', { count: made.units }) : '',
      })}
    </Notice>
  );
}

/** In Excel on Windows and Mac: what to do if no file came (office-host.ts saveFile). */
function OfferedNote() {
  const { t } = useI18n();
  const session = useSession();
  // The button only where Office can open a browser window (OpenBrowserWindowApi 1.1: Windows, Mac).
  const canOpen = !!session.host.openInBrowser && isSetSupported('OpenBrowserWindowApi', '1.1');
  return (
    <Notice
      intent="info"
      action={canOpen ? { label: t('report.openBrowser'), onClick: () => void session.host.openInBrowser?.() } : undefined}
    >
      {t('report.desktopLimit')}
    </Notice>
  );
}
