import type { ReactNode } from 'react';
import { Card, CardContent, CardHeader, CardTitle } from './card';

/** A settings card: a title, a form that makes something, and what follows it (its answer, the list). */
export function FormCard({
  title,
  onSubmit,
  form,
  children,
}: {
  title: ReactNode;
  onSubmit: () => void;
  form: ReactNode;
  children?: ReactNode;
}) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <form
          className="flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            onSubmit();
          }}
        >
          {form}
        </form>
        {children}
      </CardContent>
    </Card>
  );
}
