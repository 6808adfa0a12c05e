import type { ReactNode } from 'react';
import { cn } from './cn';
import { Label } from './input';
import { NativeSelect } from './native-select';

/** One filter of a GET form: its label over its control (`id` ties them). */
export function FilterField({
  id,
  label,
  className,
  children,
}: {
  id: string;
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={cn('flex flex-col gap-1', className)}>
      <Label htmlFor={id}>{label}</Label>
      {children}
    </div>
  );
}

/** A filter that picks one value of a fixed list, or none (the first option, `anyLabel`). */
export function ChoiceFilter({
  id,
  name,
  label,
  anyLabel,
  value,
  options,
  selectClassName,
}: {
  id: string;
  name: string;
  label: string;
  anyLabel: string;
  value: string | undefined;
  /** [value, label] pairs, in the order shown. */
  options: readonly (readonly [string, string])[];
  selectClassName?: string;
}) {
  return (
    <FilterField id={id} label={label}>
      <NativeSelect id={id} name={name} defaultValue={value ?? ''} className={selectClassName}>
        <option value="">{anyLabel}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </NativeSelect>
    </FilterField>
  );
}
