import type { ActionMessage } from './use-action';

/** The outcome line of a useAction call: read out at once on failure (alert), politely on success. */
export function ActionMessageLine({ message }: { message: ActionMessage }) {
  if (!message) return null;
  return (
    <p
      role={message.tone === 'error' ? 'alert' : 'status'}
      className={message.tone === 'error' ? 'text-sm text-red-800' : 'text-sm text-emerald-800'}
    >
      {message.text}
    </p>
  );
}
