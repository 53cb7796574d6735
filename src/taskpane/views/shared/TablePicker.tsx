import { Dropdown, Field, Option } from '@fluentui/react-components';
import type { ScoringTable } from '../../../core/model';

export function tableLabel(table: ScoringTable): string {
  const year = table.year ? ` ${table.year}` : '';
  return `${table.sheet}!${table.range}${year}`;
}

export interface TablePickerProps {
  label: string;
  tables: readonly ScoringTable[];
  value: string | null;
  onChange: (tableId: string) => void;
  placeholder?: string;
}

/** A Dropdown of detected tables (by sheet, range and year). */
export function TablePicker({ label, tables, value, onChange, placeholder }: TablePickerProps) {
  const selected = tables.find((tb) => tb.id === value);
  return (
    <Field label={label}>
      <Dropdown
        value={selected ? tableLabel(selected) : ''}
        selectedOptions={selected ? [selected.id] : []}
        placeholder={placeholder}
        onOptionSelect={(_, d) => d.optionValue && onChange(d.optionValue)}
      >
        {tables.map((tb) => (
          <Option key={tb.id} value={tb.id}>
            {tableLabel(tb)}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}
