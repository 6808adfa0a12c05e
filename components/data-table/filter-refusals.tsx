import { Notice } from '../ui/notice';

/** Next to a list's filters: which filters from the URL were refused and left out, in words. */
export function FilterRefusals({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <Notice tone="error" className="mb-3">
      {messages.map((m) => (
        <p key={m}>{m}</p>
      ))}
    </Notice>
  );
}
