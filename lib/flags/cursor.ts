// The keyset cursor is shared by every list (flags, audit, scans, outbox, users): it lives in lib/pagination.
export { type Cursor, decodeCursor, encodeCursor } from '@/lib/pagination/cursor';
