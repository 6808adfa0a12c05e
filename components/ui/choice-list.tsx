import { Input, Label } from './input';

/** Checkboxes for a set of named choices (token scopes, webhook events), each with what it means. */
export function ChoiceList<K extends string>({
  legend,
  options,
  chosen,
  onChange,
  invalid,
}: {
  legend: string;
  options: Record<K, string>;
  chosen: K[];
  onChange: (next: K[]) => void;
  invalid?: boolean;
}) {
  return (
    <fieldset className="flex flex-col gap-1" aria-invalid={invalid}>
      <legend className="text-sm font-medium">{legend}</legend>
      {(Object.keys(options) as K[]).map((key) => (
        <label key={key} className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            className="mt-1"
            checked={chosen.includes(key)}
            onChange={(e) => onChange(e.target.checked ? [...chosen, key] : chosen.filter((k) => k !== key))}
          />
          <span>
            <span className="font-mono">{key}</span>: {options[key]}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** A secret shown once, right after it was made (a token, a signing secret), ready to copy. */
export function ShownOnce({ id, label, value }: { id: string; label: string; value: string }) {
  return (
    <div className="flex flex-col gap-1">
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} readOnly value={value} className="font-mono" />
    </div>
  );
}
