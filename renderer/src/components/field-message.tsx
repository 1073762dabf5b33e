// The line under a form field: its error when there is one, else its hint, in the same place so
// an error never pushes the rest of the form down.
import type { ReactNode } from 'react';

export function FieldMessage({ id, error, children }: { id: string; error: string | undefined; children: ReactNode }) {
  return (
    <p id={id} className={error ? 'field-error' : 'field-hint'} role={error ? 'alert' : undefined}>
      {error ?? children}
    </p>
  );
}
